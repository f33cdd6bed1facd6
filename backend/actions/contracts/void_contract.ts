/**
 * Contracts record action `void { reason }`: a contract awaiting signature or active is voided
 * with the reason (its files stay readable). An expired or already voided contract cannot be.
 */
import type { EngineAction } from '#services/use_case'
import { assertStatus, type ContractRow } from '#services/contracts/rows'

const voidContract: EngineAction<Record<string, never>, ContractRow> = {
  async handle({ record, reason }, { trx, actor }) {
    const contract = record!
    assertStatus(contract, ['pending_signature', 'active'], 'voided')
    const now = new Date()
    await trx.from('contracts').where('id', contract.id).update({ status: 'voided', voided_at: now, voided_by: actor.id, void_reason: reason!, updated_at: now })
    return { message: `Contract ${contract.number} voided` }
  },
}
export default voidContract
