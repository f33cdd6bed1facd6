/** Whether a use would fit the customer's quotas now, without counting it (GET /api/internal/quota/check). */
import type { UseCase } from '#services/use_case'
import { checkQuota, type QuotaAnswer } from '#services/quotas/consume'
import { assertCustomer } from '#services/quotas/customers'

export type CheckInput = { customerId: number; feature: string; amount: bigint; at?: Date }

const checkQuotaUseCase: UseCase<CheckInput, QuotaAnswer> = {
  async handle(input, { trx }) {
    await assertCustomer(trx, input.customerId)
    return checkQuota(trx, input, input.at)
  },
}
export default checkQuotaUseCase
