import type { FormInstance } from 'antd'
import type { TFunction } from 'i18next'
import { ApiError, toApiError } from '../api/client'

// Field names the server might use for the same input (snake_case is the contract; accept camelCase too).
const ALIASES: Record<string, string> = {
  currentPassword: 'current_password',
  passwordConfirmation: 'password_confirmation',
  verificationStatus: 'verification_status',
}

/**
 * Puts the server's per-field errors on the matching form fields.
 * Returns the errors that matched no field of this form (to show in a general alert).
 */
export function applyFieldErrors(form: FormInstance, error: ApiError, fields: string[]) {
  const byField = new Map<string, string[]>()
  const unplaced: string[] = []
  for (const e of error.fieldErrors) {
    const raw = e.field.replace(/^body\./, '')
    const name = ALIASES[raw] ?? raw
    if (fields.includes(name)) byField.set(name, [...(byField.get(name) ?? []), e.message])
    else unplaced.push(e.message)
  }
  if (byField.size) form.setFields([...byField].map(([name, errors]) => ({ name, errors })))
  return { placed: byField.size > 0, unplaced }
}

/** Human text for an error: throttling and network problems get our own wording, otherwise the server's message. */
export function describeError(err: unknown, t: TFunction): string {
  const e = toApiError(err)
  if (e.status === 429) {
    return e.retryAfter && e.retryAfter > 0 ? t('errors.tooMany', { count: e.retryAfter }) : t('errors.tooManyNoTime')
  }
  if (e.isNetworkError) return t('errors.network')
  if (e.status >= 500) return t('errors.server')
  return e.message || t('errors.generic')
}

/**
 * For a failed form submission: field errors go on the fields; returns the text for the form-level alert
 * (null when everything was placed on fields).
 */
export function handleFormError(form: FormInstance, err: unknown, fields: string[], t: TFunction): string | null {
  const e = toApiError(err)
  if (e.status === 429 || e.isNetworkError || e.status >= 500) return describeError(e, t)
  const { placed, unplaced } = applyFieldErrors(form, e, fields)
  if (unplaced.length) return unplaced.join(' ')
  return placed ? null : describeError(e, t)
}
