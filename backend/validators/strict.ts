import { InvalidInput } from '#exceptions/domain_errors'

/**
 * VineJS drops keys a schema does not name; for our endpoints an unexpected key is a client
 * error, so it is refused by name (a profile update carrying `tier` or `role` is a 422, not a
 * silent success). Also refuses a body that is not a JSON object.
 */
export function assertOnlyKeys(body: unknown, allowed: string[]) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidInput([{ field: '_body', message: 'The request body must be a JSON object' }], 'The request body must be a JSON object')
  }
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key))
  if (unknown.length) {
    throw new InvalidInput(unknown.map((field) => ({ field, message: `Unknown field "${field}"`, rule: 'unknown' })))
  }
}
