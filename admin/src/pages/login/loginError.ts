import type { TFunction } from 'i18next'

export interface LoginFailure {
  statusCode?: number
  message?: string
  retryAfter?: number
}

/** Human text for a failed sign-in; a lockout (429) carries the seconds left. */
export function describeLoginError(error: LoginFailure, t: TFunction, secondsLeft?: number): string {
  if (error.statusCode === 429) {
    const seconds = secondsLeft ?? error.retryAfter
    return seconds && seconds > 0 ? t('pages.login.errors.locked', { seconds }) : t('pages.login.errors.lockedNoTime')
  }
  if (!error.statusCode) return t('pages.login.errors.network')
  return error.message || t('pages.login.errors.invalid')
}
