import axios, { AxiosError, type AxiosResponse } from 'axios'
import type { FieldError } from './types'

/**
 * The one HTTP client of the portal. Same-origin with the API: the session is an httpOnly cookie and
 * axios echoes the readable `XSRF-TOKEN` cookie back as `X-XSRF-TOKEN` on every mutation.
 */
export const http = axios.create({
  baseURL: '/api/portal',
  withCredentials: true,
  withXSRFToken: true,
  xsrfCookieName: 'XSRF-TOKEN',
  xsrfHeaderName: 'X-XSRF-TOKEN',
  headers: { Accept: 'application/json' },
})

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

function parseRetryAfter(body: unknown, response?: AxiosResponse): number | null {
  const fromBody = (body as { retryAfter?: unknown } | null)?.retryAfter
  const raw = fromBody ?? response?.headers?.['retry-after']
  if (raw === undefined || raw === null || raw === '') return null
  const n = Number(raw)
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n))
  // Retry-After may also be an HTTP date.
  const at = Date.parse(String(raw))
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000))
}

function parseFieldErrors(body: unknown): FieldError[] {
  const errors = (body as { errors?: unknown } | null)?.errors
  if (!Array.isArray(errors)) return []
  return errors
    .filter((e): e is FieldError => !!e && typeof e === 'object' && typeof (e as FieldError).message === 'string')
    .map((e) => ({ field: typeof e.field === 'string' ? e.field : '', message: e.message, rule: e.rule }))
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (axios.isAxiosError(err)) {
    const ax = err as AxiosError
    const response = ax.response
    if (!response) return new ApiError(ax.message || 'Network Error', 0)
    const body = response.data as { message?: unknown } | string | null
    const message =
      body && typeof body === 'object' && typeof body.message === 'string' && body.message
        ? body.message
        : response.statusText || `HTTP ${response.status}`
    return new ApiError(message, response.status, parseFieldErrors(body), parseRetryAfter(body, response))
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
