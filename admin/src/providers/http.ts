import axios, { type AxiosError, type AxiosInstance } from 'axios'
import type { HttpError } from '@refinedev/core'
import { answerOf, errorsByField, readApiFailure, SAME_ORIGIN_CLIENT } from '@creditdesk/contract/http_client'

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
  const failure = readApiFailure(answerOf((error as AxiosError).response))
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
  const http = axios.create({ ...SAME_ORIGIN_CLIENT, headers: { ...SAME_ORIGIN_CLIENT.headers } })
  http.interceptors.response.use(
    (response) => response,
    (error) => Promise.reject(toApiError(error)),
  )
  return http
}
