/**
 * Input of the hold API (POST /api/internal/holds, …/:id/capture, …/:id/release). Amounts are
 * decimal strings (converted and checked by toUnits); units a decimal of at most 6 places.
 */
import vine from '@vinejs/vine'
import { GENERATION_TYPES } from '#contract/usage'
import { amount, idempotencyKey } from './ledger.js'

const id = () => vine.number({ strict: true }).withoutDecimals().positive()
const url = () => vine.string().trim().maxLength(2000).url({ protocols: ['http', 'https'], require_protocol: true })

export const HOLD_MIN_SECONDS = 60
export const HOLD_MAX_SECONDS = 86_400 * 7

export const createHoldValidator = vine.create(
  vine.object({
    customer_id: id().optional(),
    api_key_id: id().optional(),
    amount: amount().optional(),
    model: vine.string().trim().minLength(1).maxLength(100).optional(),
    units: vine.string().trim().maxLength(32).regex(/^\d{1,14}(\.\d{1,6})?$/).optional(),
    idempotency_key: idempotencyKey(),
    expires_in: vine.number({ strict: true }).withoutDecimals().min(HOLD_MIN_SECONDS).max(HOLD_MAX_SECONDS),
    generation: vine
      .object({
        type: vine.enum(GENERATION_TYPES.map((t) => t.value)),
        prompt: vine.string().trim().minLength(1).maxLength(10_000),
        model: vine.string().trim().minLength(1).maxLength(100).optional(),
      })
      .optional(),
  })
)

export const captureHoldValidator = vine.create(
  vine.object({
    amount: amount().optional(),
    generation: vine
      .object({
        status: vine.enum(['completed']),
        output_urls: vine.array(url()).maxLength(50),
      })
      .optional(),
  })
)

export const releaseHoldValidator = vine.create(
  vine.object({
    generation: vine
      .object({
        status: vine.enum(['failed']),
        failure_reason: vine.string().trim().minLength(1).maxLength(2000),
      })
      .optional(),
  })
)
