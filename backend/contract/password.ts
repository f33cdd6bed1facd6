/**
 * The password policy for both identities (staff and customers): 10–128 characters counted as
 * characters (code points, so an emoji is one), at least one letter and one digit, not the
 * account's own email. "Letter" is any script's letter (Unicode \p{L}: "é", "密", "я" count) and
 * "digit" any decimal digit (\p{Nd}): the rule exists to refuse all-digit and all-letter passwords,
 * not to push people who type in Chinese or Russian to ASCII. The server enforces it
 * (backend/validators/auth.ts); the portal checks the same rules as the user types.
 */
export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 128
export const PASSWORD_LETTER = /\p{L}/u
export const PASSWORD_DIGIT = /\p{Nd}/u

export type PasswordRule = 'length' | 'letterDigit' | 'notEmail'
export const PASSWORD_RULES: readonly PasswordRule[] = ['length', 'letterDigit', 'notEmail']

export function passwordLength(password: string): number {
  return [...(password ?? '')].length
}

export function checkPassword(password: string, email?: string | null): Record<PasswordRule, boolean> {
  const value = password ?? ''
  const length = passwordLength(value)
  const normalisedEmail = (email ?? '').trim().toLowerCase()
  return {
    length: length >= PASSWORD_MIN && length <= PASSWORD_MAX,
    letterDigit: PASSWORD_LETTER.test(value) && PASSWORD_DIGIT.test(value),
    notEmail: value.length > 0 && (normalisedEmail === '' || value.trim().toLowerCase() !== normalisedEmail),
  }
}

/** First rule the password breaks, or null when it satisfies the policy. */
export function firstFailedRule(password: string, email?: string | null): PasswordRule | null {
  const result = checkPassword(password, email)
  return PASSWORD_RULES.find((rule) => !result[rule]) ?? null
}
