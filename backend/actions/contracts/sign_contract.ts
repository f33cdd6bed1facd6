/**
 * Online signing in the portal (`POST /api/portal/contracts/:id/sign { name, accept: true }`): a
 * member whose role may sign contracts, acting in the organization, accepts a contract awaiting
 * online signature. The name typed, the time, the signer and the IP address are recorded and the
 * contract is active. The row is locked, so of two simultaneous signatures one wins and the other
 * is a 409, as is any later one.
 */
import type { UseCase } from '#services/use_case'
import audit from '#services/audit'
import { Conflict, NotFound } from '#exceptions/domain_errors'
import { assertStatus, isoDate, todayUtc, type ContractRow } from '#services/contracts/rows'

export type SignInput = { contractId: number; customerId: number; personId: number; name: string }

const signContract: UseCase<SignInput, ContractRow> = {
  async handle({ contractId, customerId, personId, name }, { trx, actor, facts }) {
    const contract: ContractRow | null = await trx.from('contracts').where('id', contractId).where('org_id', customerId).forUpdate().first()
    if (!contract) throw new NotFound('Contract not found')
    if (contract.status === 'active') throw new Conflict(`Contract ${contract.number} is already signed`)
    assertStatus(contract, ['pending_signature'], 'signed')
    if (contract.signing_method !== 'online') throw new Conflict(`Contract ${contract.number} is signed on paper: the signed copy is uploaded by our staff`)
    if (isoDate(contract.expires_on) < todayUtc()) throw new Conflict(`Contract ${contract.number} ended on ${isoDate(contract.expires_on)}: ask us for a new one`)
    const now = new Date()
    const signed = { status: 'active', signed_at: now, signed_by_name: name, signed_by_customer_id: personId, signed_ip: facts.ip, updated_at: now }
    const [row] = await trx.from('contracts').where('id', contract.id).update(signed).returning('*')
    await audit.record(
      trx,
      {
        action: 'sign',
        resource: 'contracts',
        recordId: contract.id,
        before: { status: contract.status },
        after: { status: 'active', signed_by_name: name, signed_by_customer_id: personId, signed_at: now.toISOString(), signed_ip: facts.ip },
        metadata: { org_id: customerId, version: contract.version, file_id: Number(contract.file_id) },
      },
      actor,
      facts
    )
    return row
  },
}
export default signContract
