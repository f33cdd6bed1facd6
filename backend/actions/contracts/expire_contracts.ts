/**
 * The `contracts-expire` job (daily, and once when the server starts): every active contract
 * whose last day (`expires_on`, a UTC date) is before today becomes expired, one audit row each,
 * as the system. Running it again changes nothing.
 */
import type { UseCase } from '#services/use_case'
import audit from '#services/audit'
import { todayUtc } from '#services/contracts/rows'

const expireContracts: UseCase<{ today?: string }, number> = {
  async handle({ today = todayUtc() }, { trx, actor, facts }) {
    const now = new Date()
    const expired = await trx
      .from('contracts')
      .where('status', 'active')
      .where('expires_on', '<', today)
      .update({ status: 'expired', expired_at: now, updated_at: now })
      .returning(['id', 'number', 'org_id', 'expires_on'])
    await audit.recordMany(
      trx,
      expired.map((row) => ({
        action: 'expire',
        resource: 'contracts',
        recordId: row.id,
        before: { status: 'active' },
        after: { status: 'expired' },
        metadata: { number: row.number, org_id: Number(row.org_id), today },
      })),
      actor,
      facts
    )
    return expired.length
  },
}
export default expireContracts
