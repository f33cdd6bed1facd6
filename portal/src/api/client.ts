import axios from 'axios'
import { answerOf, NETWORK_ERROR_MESSAGE, readApiFailure, SAME_ORIGIN_CLIENT } from '@creditdesk/contract/http_client'
import { ACTING_ORG_HEADER, actingOrgId } from './acting'
import type { FieldError } from './types'

/**
 * The one HTTP client of the portal. Same-origin with the API: the session is an httpOnly cookie and
 * axios echoes the readable `XSRF-TOKEN` cookie back as `X-XSRF-TOKEN` on every mutation.
 */
export const http = axios.create({ baseURL: '/api/portal', ...SAME_ORIGIN_CLIENT, headers: { ...SAME_ORIGIN_CLIENT.headers } })

/** Normalised error: `{ message, errors? }` from the server, plus the HTTP status and `retryAfter` for 429. */
export class ApiError extends Error {
  readonly status: number
  readonly fieldErrors: FieldError[]
  readonly retryAfter: number | null

  constructor(message: string, status: number, fieldErrors: FieldError[] = [], retryAfter: number | null = null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.fieldErrors = fieldErrors
    this.retryAfter = retryAfter
  }

  get isNetworkError() {
    return this.status === 0
  }
}

/** The contract's reading of a failure (http_client.ts) as the portal's ApiError; -1 for what is not an HTTP failure. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (axios.isAxiosError(err)) {
    const failure = readApiFailure(answerOf(err.response))
    return new ApiError(failure.status ? failure.message : err.message || NETWORK_ERROR_MESSAGE, failure.status, failure.fieldErrors, failure.retryAfter)
  }
  return new ApiError(err instanceof Error ? err.message : String(err), -1)
}

type UnauthorizedListener = () => void
let onUnauthorized: UnauthorizedListener | null = null

/** Called when a signed-in request comes back 401 (session expired or revoked elsewhere). */
export function setUnauthorizedListener(listener: UnauthorizedListener | null) {
  onUnauthorized = listener
}

// Endpoints whose 401 is an expected answer, not a lost session.
const AUTH_EXEMPT = [/^\/?auth\//, /^\/?password$/]

let currentLanguage = 'en'
export function setRequestLanguage(lng: string) {
  currentLanguage = lng
}

http.interceptors.request.use((config) => {
  config.headers.set('Accept-Language', currentLanguage)
  // The account every request acts in (api/acting.ts); without it, the person's own account.
  const orgId = actingOrgId()
  if (orgId) config.headers.set(ACTING_ORG_HEADER, orgId)
  else config.headers.delete(ACTING_ORG_HEADER)
  return config
})

http.interceptors.response.use(
  (response) => response,
  (err: unknown) => {
    const apiError = toApiError(err)
    const url = axios.isAxiosError(err) ? (err.config?.url ?? '') : ''
    if (apiError.status === 401 && !AUTH_EXEMPT.some((re) => re.test(url))) onUnauthorized?.()
    return Promise.reject(apiError)
  },
)
