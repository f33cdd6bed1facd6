import type { HttpContext } from '@adonisjs/core/http'
import chargeCustomer from '#actions/ledger/charge_customer'
import { transaction } from '#services/transaction'
import { chargeValidator } from '#validators/ledger'
import { toUnits } from '#services/ledger/amounts'
import { callerKey } from '#services/ledger/caller_keys'
import { requestFacts } from '#services/audit'
import { presentPosted } from '../presenters.js'
import { assertOnlyKeys } from '#validators/strict'

/** Who calls this endpoint: the platform's usage service (one service token). */
const CALLER = 'internal-service'

/**
 * POST /api/internal/charges: the platform debits a customer for usage. The caller's
 * idempotency key is stored in the caller's own namespace (`ext:internal-service:<key>`), so it
 * can never collide with a key the system uses itself (`recharge:order:13`); the reply echoes
 * the caller's key as sent.
 */
export default class InternalChargesController {
  async store(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['customer_id', 'amount', 'idempotency_key', 'reference_type', 'reference_id', 'memo'])
    const input = await ctx.request.validateUsing(chargeValidator)
    const actor = { type: 'system' as const, id: null, label: CALLER, role: null }
    const charge = {
      customerId: input.customer_id,
      amount: toUnits(input.amount),
      idempotencyKey: callerKey(CALLER, input.idempotency_key),
      reference: input.reference_type && input.reference_id ? { type: input.reference_type, id: input.reference_id } : null,
      memo: input.memo ?? null,
    }
    const posted = await transaction((trx) => chargeCustomer.handle(charge, { trx, actor, facts: requestFacts(ctx) }))
    if (posted.replayed) ctx.response.header('Idempotency-Replayed', 'true')
    ctx.response.status(posted.replayed ? 200 : 201)
    return { ...presentPosted(posted), idempotency_key: input.idempotency_key }
  }
}
