import axios, { type AxiosError, type AxiosInstance } from 'axios'
import type { HttpError } from '@refinedev/core'

/** Base URL of the staff API; every console request goes through it. */
export const API_URL = '/api/admin'

interface ServerErrorBody {
  message?: string
  errors?: { field: string; message: string; rule?: string }[]
  retryAfter?: number
}

/**
 * The error every console request rejects with: a Refine HttpError whose `errors` are keyed by field,
 * so `useForm` can put the server's 422 messages under the right inputs.
 */
export interface ApiError extends HttpError {
  retryAfter?: number
}

export function toApiError(error: AxiosError<ServerErrorBody> | Error): ApiError {
  const axiosError = error as AxiosError<ServerErrorBody>
  const body = axiosError.response?.data
  const statusCode = axiosError.response?.status ?? 0
  const fieldErrors: Record<string, string[]> = {}
  for (const item of Array.isArray(body?.errors) ? body!.errors : []) {
    if (!item?.field) continue
    ;(fieldErrors[item.field] ??= []).push(item.message)
  }
  const headerRetry = Number(axiosError.response?.headers?.['retry-after'])
  const retryAfter = typeof body?.retryAfter === 'number' ? body.retryAfter : Number.isFinite(headerRetry) ? headerRetry : undefined
  const message =
    (typeof body?.message === 'string' && body.message) ||
    (statusCode === 0 ? 'Network error: the server could not be reached' : error.message) ||
    `Request failed (${statusCode})`
  return {
    name: 'ApiError',
    message,
    statusCode,
    errors: Object.keys(fieldErrors).length ? fieldErrors : undefined,
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  }
}

/**
 * Same-origin axios instance: session cookie travels with every request and the CSRF token from the
 * readable XSRF-TOKEN cookie is echoed as X-XSRF-TOKEN on mutations.
 */
export function createHttpClient(): AxiosInstance {
  const http = axios.create({
    withCredentials: true,
    withXSRFToken: true,
    xsrfCookieName: 'XSRF-TOKEN',
    xsrfHeaderName: 'X-XSRF-TOKEN',
    headers: { Accept: 'application/json' },
  })
  http.interceptors.response.use(
    (response) => response,
    (error) => Promise.reject(toApiError(error)),
  )
  return http
}
