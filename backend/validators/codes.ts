import vine from '@vinejs/vine'
import { InvalidInput } from '#exceptions/domain_errors'

/**
 * A code as a customer or support types it. Only its length and type are checked here: the
 * use case normalises it (case, spaces, dashes) and says precisely what is wrong with it.
 */
export const typedCode = () => vine.string().trim().minLength(1).maxLength(64)

export const redeemValidator = vine.create(vine.object({ code: typedCode() }))

export const lookupValidator = vine.create(vine.object({ code: typedCode() }))

export const codeMessages = {
  'code.required': 'Enter a code',
  'code.string': 'The code must be text',
  'code.minLength': 'Enter a code',
  'code.maxLength': 'That is not a valid code',
}

/** Refuses fields the endpoint does not take (VineJS would drop them silently). */
export function refuseUnknownFields(body: unknown, allowed: string[]) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidInput([{ field: '_body', message: 'The request body must be a JSON object' }])
  }
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key))
  if (unknown.length) throw new InvalidInput(unknown.map((field) => ({ field, message: `Unknown field "${field}"`, rule: 'unknown' })))
}
