import axios, { type AxiosError, type AxiosInstance } from 'axios'
import type { HttpError } from '@refinedev/core'
import { errorsByField, JSON_HEADERS, readApiFailure, XSRF_COOKIE, XSRF_HEADER } from '@creditdesk/contract/http_client'

/** Base URL of the staff API; every console request goes through it. */
export const API_URL = '/api/admin'

/**
 * The error every console request rejects with: a Refine HttpError whose `errors` are keyed by field,
 * so `useForm` can put the server's 422 messages under the right inputs.
 */
export interface ApiError extends HttpError {
  retryAfter?: number
}

/** The contract's reading of a failed answer (http_client.ts), in Refine's error shape. */
export function toApiError(error: AxiosError | Error): ApiError {
  const response = (error as AxiosError).response
  const failure = readApiFailure(response && { status: response.status, statusText: response.statusText, body: response.data, header: (name) => response.headers?.[name] })
  return {
    name: 'ApiError',
    message: failure.message,
    statusCode: failure.status,
    errors: errorsByField(failure.fieldErrors),
    ...(failure.retryAfter !== null ? { retryAfter: failure.retryAfter } : {}),
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
    xsrfCookieName: XSRF_COOKIE,
    xsrfHeaderName: XSRF_HEADER,
    headers: { ...JSON_HEADERS },
  })
  http.interceptors.response.use(
    (response) => response,
    (error) => Promise.reject(toApiError(error)),
  )
  return http
}
