import type { HttpContext } from '@adonisjs/core/http'
import consumeQuota from '#actions/quotas/consume_quota'
import checkQuota from '#actions/quotas/check_quota'
import { transaction } from '#services/transaction'
import { requestFacts } from '#services/audit'
import { assertOnlyKeys } from '#validators/strict'
import { checkQuotaValidator, consumeQuotaValidator } from '#validators/quotas'

const ACTOR = { type: 'system' as const, id: null, label: 'internal-service', role: null }

/**
 * Plan quotas for the platform's services (service token, no cookies):
 * - POST /api/internal/quota/consume `{ customer, feature, amount, request_id }` → 200
 *   `{ ok: true, ...QuotaStateWire }` or `{ ok: false, code: QUOTA_EXCEEDED | NO_QUOTA, message, feature, … }`;
 *   a replayed request_id gets the stored answer (header `Idempotency-Replayed: true`), the same id
 *   with another amount a 409.
 * - GET /api/internal/quota/check?customer=&feature=&amount= → the same answer, nothing counted.
 */
export default class InternalQuotaController {
  async consume(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['customer', 'feature', 'amount', 'request_id'])
    const input = await ctx.request.validateUsing(consumeQuotaValidator)
    const { answer, replayed } = await transaction((trx) =>
      consumeQuota.handle(
        { customerId: input.customer, feature: input.feature, amount: BigInt(input.amount), requestId: input.request_id },
        { trx, actor: ACTOR, facts: requestFacts(ctx) }
      )
    )
    if (replayed) ctx.response.header('Idempotency-Replayed', 'true')
    return answer
  }

  async check(ctx: HttpContext) {
    const qs = ctx.request.qs()
    assertOnlyKeys(qs, ['customer', 'feature', 'amount'])
    const input = await checkQuotaValidator.validate(qs)
    return transaction((trx) =>
      checkQuota.handle({ customerId: input.customer, feature: input.feature, amount: BigInt(input.amount ?? 1) }, { trx, actor: ACTOR, facts: requestFacts(ctx) })
    )
  }
}
