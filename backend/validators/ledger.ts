import vine from '@vinejs/vine'

/** An amount travels as a decimal string ("12.50"), never as a JSON number. */
export const amount = () => vine.string().trim().maxLength(32)

/** Idempotency keys: what the caller uses to make a retry safe. */
export const idempotencyKey = () => vine.string().trim().minLength(1).maxLength(200)

export const chargeValidator = vine.create(
  vine.object({
    customer_id: vine.number({ strict: true }).withoutDecimals().positive(),
    amount: amount(),
    idempotency_key: idempotencyKey(),
    reference_type: vine.string().trim().maxLength(32).optional(),
    reference_id: vine.string().trim().maxLength(64).optional(),
    memo: vine.string().trim().maxLength(500).optional(),
  })
)
