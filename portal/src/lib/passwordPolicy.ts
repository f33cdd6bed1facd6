/**
 * Password policy shared by both identities (ARCHITECTURE.md): 10–128 characters, at least one letter
 * and one digit, not the email. The server is the authority; this mirrors it for instant feedback.
 */
export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 128

export type PasswordRule = 'length' | 'letterDigit' | 'notEmail'
export const PASSWORD_RULES: PasswordRule[] = ['length', 'letterDigit', 'notEmail']

export function checkPassword(password: string, email?: string | null): Record<PasswordRule, boolean> {
  const value = password ?? ''
  const length = [...value].length // code points, not UTF-16 units
  const normalisedEmail = (email ?? '').trim().toLowerCase()
  return {
    length: length >= PASSWORD_MIN && length <= PASSWORD_MAX,
    letterDigit: /\p{L}/u.test(value) && /\p{Nd}/u.test(value),
    notEmail: value.length > 0 && (normalisedEmail === '' || value.trim().toLowerCase() !== normalisedEmail),
  }
}

/** First rule the password breaks, or null when it satisfies the policy. */
export function firstFailedRule(password: string, email?: string | null): PasswordRule | null {
  const result = checkPassword(password, email)
  return PASSWORD_RULES.find((rule) => !result[rule]) ?? null
}
