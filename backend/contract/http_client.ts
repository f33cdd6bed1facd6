/**
 * How console and portal talk to the API: same-origin JSON with the session cookie, the CSRF token
 * echoed from the readable XSRF-TOKEN cookie on every mutation (the backend's shield checks it), and
 * every failure read into one shape from the error body (errors.ts). Each front end keeps a thin
 * wrapper for its base URL and its framework's error type; the rules are here, once.
 */
import type { FieldError } from './errors.js'

/** Cookie the backend writes, header it expects back (axios: xsrfCookieName / xsrfHeaderName). */
export const XSRF_COOKIE = 'XSRF-TOKEN'
export const XSRF_HEADER = 'X-XSRF-TOKEN'
export const JSON_HEADERS = { Accept: 'application/json' } as const

/** The client settings both front ends give axios: same-origin cookies, the CSRF echo, JSON answers. */
export const SAME_ORIGIN_CLIENT = {
  withCredentials: true,
  withXSRFToken: true,
  xsrfCookieName: XSRF_COOKIE,
  xsrfHeaderName: XSRF_HEADER,
  headers: { ...JSON_HEADERS },
} as const

export const NETWORK_ERROR_MESSAGE = 'Network error: the server could not be reached'

/** A failed request as people and forms need it. `status` 0: the server was not reached. */
export interface ApiFailure {
  status: number
  message: string
  fieldErrors: FieldError[]
  /** Seconds to wait before retrying (429), from the body or the Retry-After header; null when not said. */
  retryAfter: number | null
}

/** What a transport saw of an answer: status, body (parsed JSON or text) and a header lookup. */
export interface HttpAnswer {
  status: number
  statusText?: string
  body?: unknown
  header?: (name: string) => unknown
}

/** Reads a failed answer into an ApiFailure; no answer at all is a network failure. */
export function readApiFailure(answer: HttpAnswer | null | undefined): ApiFailure {
  if (!answer || !answer.status) return { status: 0, message: NETWORK_ERROR_MESSAGE, fieldErrors: [], retryAfter: null }
  const body = answer.body && typeof answer.body === 'object' ? (answer.body as Record<string, unknown>) : null
  const message = (typeof body?.message === 'string' && body.message) || answer.statusText || `Request failed (${answer.status})`
  return {
    status: answer.status,
    message,
    fieldErrors: fieldErrorsOf(body?.errors),
    retryAfter: retryAfterOf(body?.retryAfter ?? answer.header?.('retry-after')),
  }
}

/** An axios-shaped response (status, data, headers) as the HttpAnswer readApiFailure takes. */
export function answerOf(response: { status: number; statusText?: string; data?: unknown; headers?: unknown } | null | undefined): HttpAnswer | undefined {
  if (!response) return undefined
  const headers = (response.headers ?? {}) as Record<string, unknown>
  return { status: response.status, statusText: response.statusText, body: response.data, header: (name) => headers[name] }
}

function fieldErrorsOf(errors: unknown): FieldError[] {
  if (!Array.isArray(errors)) return []
  return errors
    .filter((e): e is FieldError => !!e && typeof e === 'object' && typeof (e as FieldError).message === 'string')
    .map((e) => ({ field: typeof e.field === 'string' ? e.field : '', message: e.message, ...(e.rule === undefined ? {} : { rule: e.rule }) }))
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterOf(raw: unknown, now = Date.now()): number | null {
  if (raw === undefined || raw === null || raw === '') return null
  const seconds = Number(raw)
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
  const at = Date.parse(String(raw))
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000))
}

/** Field errors keyed by field name, the way form libraries place them under inputs. */
export function errorsByField(errors: readonly FieldError[]): Record<string, string[]> | undefined {
  const byField: Record<string, string[]> = {}
  for (const e of errors) if (e.field) (byField[e.field] ??= []).push(e.message)
  return Object.keys(byField).length ? byField : undefined
}
