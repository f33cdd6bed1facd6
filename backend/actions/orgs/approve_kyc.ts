/** org-kyc-reviews record action `approve` (reason optional): the organization becomes verified. */
import type { EngineAction } from '#services/use_case'
import { decideKyc } from '#services/orgs/kyc'

const approveKyc: EngineAction<{}> = {
  handle: ({ record, reason }, { trx, actor }) => decideKyc(trx, record!, 'approved', reason ?? null, actor),
}
export default approveKyc
