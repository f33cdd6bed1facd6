/**
 * The platform counts one use of a feature against the customer's plan quotas (POST
 * /api/internal/quota/consume): checked and counted atomically and once per request id
 * (services/quotas/consume.ts). An unknown customer is a 422 and writes nothing.
 */
import type { UseCase } from '#services/use_case'
import { consumeQuota, type QuotaAnswer } from '#services/quotas/consume'
import { assertCustomer } from '#services/quotas/customers'

export type ConsumeInput = { customerId: number; feature: string; amount: bigint; requestId: string; at?: Date }

const consumeQuotaUseCase: UseCase<ConsumeInput, { answer: QuotaAnswer; replayed: boolean }> = {
  async handle(input, { trx }) {
    await assertCustomer(trx, input.customerId)
    return consumeQuota(trx, input, input.at)
  },
}
export default consumeQuotaUseCase
