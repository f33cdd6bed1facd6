import type { HttpContext } from '@adonisjs/core/http'
import { chargeCustomer } from '#actions/ledger/charge_customer'
import { chargeValidator } from '#validators/ledger'
import { toUnits } from '#services/ledger/amounts'
import { requestFacts } from '#services/audit'
import { presentPosted } from '../presenters.js'
import { assertOnlyKeys } from '#validators/strict'

/** POST /api/internal/charges: the platform debits a customer for usage. */
export default class InternalChargesController {
  async store(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['customer_id', 'amount', 'idempotency_key', 'reference_type', 'reference_id', 'memo'])
    const input = await ctx.request.validateUsing(chargeValidator)
    const posted = await chargeCustomer(
      {
        customerId: input.customer_id,
        amount: toUnits(input.amount),
        idempotencyKey: input.idempotency_key,
        reference: input.reference_type && input.reference_id ? { type: input.reference_type, id: input.reference_id } : null,
        memo: input.memo ?? null,
      },
      { type: 'system', id: null, label: 'internal-service', role: null },
      requestFacts(ctx)
    )
    if (posted.replayed) ctx.response.header('Idempotency-Replayed', 'true')
    ctx.response.status(posted.replayed ? 200 : 201)
    return presentPosted(posted)
  }
}
