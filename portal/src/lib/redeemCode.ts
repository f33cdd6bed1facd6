import { CODE_PREFIX } from '../config'

/** Longest code the server accepts once dashes and spaces are dropped. */
export const CODE_MAX_CHARS = 24
export const CODE_BODY_CHARS = 8

/** Letters and digits only, upper case. */
export function compactCode(raw: string): string {
  return (raw ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '')
}

/**
 * Formats a code as it is typed: upper case, and dashes where they belong ("veo abcd efgh" → "VEO-ABCD-EFGH",
 * "abcdefgh" → "ABCD-EFGH"). The server normalises case, spaces and dashes anyway; this is only a help.
 */
export function formatCodeInput(raw: string, prefix: string = CODE_PREFIX): string {
  const compact = compactCode(raw).slice(0, CODE_MAX_CHARS)
  const p = prefix.toUpperCase()
  let head = ''
  let body = compact
  if (p && compact.startsWith(p)) {
    head = p
    body = compact.slice(p.length)
  } else if (p && compact.length < p.length && p.startsWith(compact)) {
    return compact // still typing the prefix
  } else if (compact.length > CODE_BODY_CHARS) {
    // Another prefix: the last 8 characters are the body, as on the server.
    head = compact.slice(0, -CODE_BODY_CHARS)
    body = compact.slice(-CODE_BODY_CHARS)
  }
  return [head, ...(body.match(/.{1,4}/g) ?? [])].filter(Boolean).join('-')
}

/** Where the caret goes after reformatting: after the same number of letters/digits as before. */
export function caretAfter(formatted: string, significantBefore: number): number {
  let pos = 0
  let seen = 0
  while (pos < formatted.length && seen < significantBefore) {
    if (/[A-Z0-9]/.test(formatted[pos])) seen++
    pos++
  }
  return pos
}
