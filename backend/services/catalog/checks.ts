/**
 * Field checks of catalog rows that the database also enforces (its CHECKs would answer a 500):
 * here they are field errors, before anything is written.
 */
import { InvalidInput } from '#exceptions/domain_errors'

const fail = (field: string, message: string, rule: string): never => {
  throw new InvalidInput([{ field, message, rule }])
}

/** The model code gateways send: starts with a letter or digit, then letters, digits and . _ : / - */
export function checkModelCode(code: unknown) {
  if (typeof code === 'string' && !/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/.test(code)) {
    fail('code', 'The code may use letters, digits and . _ : / - (like gpt-4o-mini), starting with a letter or digit', 'format')
  }
}

/** A channel's base URL: absolute http(s), no credentials in it. */
export function checkBaseUrl(value: unknown) {
  if (value === undefined) return
  let url: URL | null = null
  try {
    url = new URL(String(value))
  } catch {}
  if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) fail('base_url', 'The base URL must be an http:// or https:// address', 'url')
  if (url!.username || url!.password) fail('base_url', 'Put credentials in an upstream key, not in the base URL', 'url')
}
