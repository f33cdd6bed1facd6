/** org-kyc-reviews record action `reject { reason }`: the organization's verification is rejected, with the reason. */
import type { EngineAction } from '#services/use_case'
import { decideKyc } from '#services/orgs/kyc'

const rejectKyc: EngineAction<{}> = {
  handle: ({ record, reason }, { trx, actor }) => decideKyc(trx, record!, 'rejected', reason ?? null, actor),
}
export default rejectKyc
