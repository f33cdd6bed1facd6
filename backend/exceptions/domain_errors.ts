/**
 * Typed domain errors. Use cases throw these; the exception handler maps each to its
 * HTTP status and to the `{ message, errors? }` body in one place.
 */
export type FieldError = { field: string; message: string; rule?: string }

export class DomainError extends Error {
  status = 400
  code = 'E_BAD_REQUEST'
  errors?: FieldError[]
  headers?: Record<string, string>
  extra?: Record<string, unknown>
}

export class BadRequest extends DomainError {}

export class NotFound extends DomainError {
  status = 404
  code = 'E_NOT_FOUND'
}

export class Forbidden extends DomainError {
  status = 403
  code = 'E_FORBIDDEN'
}

export class Unauthenticated extends DomainError {
  status = 401
  code = 'E_UNAUTHENTICATED'
}

export class Conflict extends DomainError {
  status = 409
  code = 'E_CONFLICT'
}

export class InvalidInput extends DomainError {
  status = 422
  code = 'E_VALIDATION_ERROR'
  constructor(errors: FieldError[], message = errors[0]?.message ?? 'The input is not valid') {
    super(message)
    this.errors = errors
  }
}

export class TooManyAttempts extends DomainError {
  status = 429
  code = 'E_TOO_MANY_ATTEMPTS'
  constructor(retryAfterSeconds: number, what = 'Too many attempts') {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds))
    super(`${what}. Try again in ${formatWait(seconds)}.`)
    this.headers = { 'Retry-After': String(seconds) }
    this.extra = { retryAfter: seconds }
  }
}

function formatWait(seconds: number) {
  if (seconds < 90) return `${seconds} seconds`
  return `${Math.ceil(seconds / 60)} minutes`
}

/**
 * Filtering, sorting or searching on a field the caller only sees masked: the answer (a count,
 * an order) would reveal the value. 403 naming the field.
 */
export class SensitiveFieldRefused extends Forbidden {
  constructor(
    public resource: string,
    public field: string,
    public use: 'filter' | 'sort'
  ) {
    super(`Your role sees "${field}" of ${resource} masked, so it may not ${use === 'sort' ? 'sort by' : 'filter on'} it (needs view_sensitive)`)
  }
}
