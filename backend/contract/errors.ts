/**
 * The body of every API error (backend/exceptions/handler.ts): `{ message, errors? }`, one entry per
 * refused field (named by its wire name, the message worded with the field's label), `retryAfter`
 * (seconds, also the Retry-After header) on 429, and `requestId` on server errors. There is no
 * machine error code in the body: callers branch on the HTTP status.
 */
export interface FieldError {
  field: string
  message: string
  rule?: string
}

export interface ApiErrorBody {
  message: string
  errors?: FieldError[]
  retryAfter?: number
  requestId?: string
}
