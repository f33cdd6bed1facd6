import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { DomainError } from './domain_errors.js'
import { fieldLabelsFor } from './field_labels.js'
import { humaniseErrors, humaniseMessage, localeOf } from '#validators/messages'

/**
 * Every error leaves as `{ message, errors? }` with a meaningful status. Nothing the client
 * sent can produce a 500 with details: unknown errors are logged with the request id and
 * answered with a generic message.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = false

  async handle(error: any, ctx: HttpContext) {
    const { status, body, headers } = toResponse(error)
    if (Array.isArray(body.errors) && body.errors.length) humanise(body, ctx)
    else if (status < 500 && typeof body.message === 'string') body.message = humaniseMessage(body.message, localeOf(ctx.request.header('accept-language')))
    for (const [name, value] of Object.entries(headers)) ctx.response.header(name, value)
    if (status >= 500) {
      body.requestId = ctx.request.id()
    }
    return ctx.response.status(status).send(body)
  }

  async report(error: any, ctx: HttpContext) {
    const { status } = toResponse(error)
    // a domain error answering 5xx (payments unavailable, provider refused) is an expected outcome
    if (status >= 500 && !(error instanceof DomainError)) {
      ctx.logger.error({ err: error, requestId: ctx.request.id() }, 'unhandled error')
    }
  }
}

type Mapped = { status: number; body: Record<string, any>; headers: Record<string, string> }

/** Field errors with the fields' labels, in the request's language (validators/messages.ts). */
function humanise(body: Record<string, any>, ctx: HttpContext) {
  const first = body.errors[0]?.message
  body.errors = humaniseErrors(body.errors, fieldLabelsFor(ctx), localeOf(ctx.request.header('accept-language')))
  if (body.message === first) body.message = body.errors[0].message
}

function toResponse(error: any): Mapped {
  if (error instanceof DomainError) {
    return {
      status: error.status,
      body: { message: error.message, ...(error.errors ? { errors: error.errors } : {}), ...(error.extra ?? {}) },
      headers: error.headers ?? {},
    }
  }

  switch (error?.code) {
    case 'E_VALIDATION_ERROR':
      return {
        status: 422,
        body: {
          message: error.messages?.[0]?.message ?? 'The input is not valid',
          errors: (error.messages ?? []).map((m: any) => ({ field: m.field, message: m.message, rule: m.rule })),
        },
        headers: {},
      }
    case 'E_UNAUTHORIZED_ACCESS':
      return { status: 401, body: { message: 'Sign in first' }, headers: {} }
    case 'E_AUTHORIZATION_FAILURE':
      return { status: 403, body: { message: 'You are not allowed to do this' }, headers: {} }
    case 'E_BAD_CSRF_TOKEN':
      return { status: 403, body: { message: 'The security token is missing or expired. Reload the page and try again.' }, headers: {} }
    case 'E_ROUTE_NOT_FOUND':
      return { status: 404, body: { message: 'Not found' }, headers: {} }
    case 'E_TOO_MANY_REQUESTS':
      return { status: 429, body: { message: 'Too many requests' }, headers: {} }
  }

  // body parser and other HTTP-level errors carry a 4xx status
  const status = Number(error?.status)
  if (status >= 400 && status < 500) {
    let message = error.message || 'Bad request'
    if (status === 413) message = 'The request body is too large'
    else if (/JSON|Unexpected token|position/i.test(message)) message = 'The request body is not valid JSON'
    return { status, body: { message }, headers: {} }
  }

  // PostgreSQL errors caused by input the validators let through
  const pg = pgErrorToResponse(error)
  if (pg) return pg

  return {
    status: 500,
    body: { message: app.inProduction ? 'Something went wrong on our side' : 'Internal error' },
    headers: {},
  }
}

function pgErrorToResponse(error: any): Mapped | undefined {
  switch (error?.code) {
    case '23505':
      return { status: 409, body: { message: 'A record with the same unique value already exists' }, headers: {} }
    case '23503':
      return { status: 409, body: { message: 'The record is referenced by other records or refers to a missing one' }, headers: {} }
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22001':
    case '22021':
    case '22P05':
      return { status: 400, body: { message: 'A value has the wrong type or is out of range' }, headers: {} }
  }
  return undefined
}
