/**
 * Contracts record action `upload_signed { file_id }` (offline signing): the signed scan becomes
 * the current file (version n+1, kind signed_scan) and the contract is active, signed by the
 * staff member who uploaded it. Only an offline contract awaiting signature.
 */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'
import { addContractVersion, claimFile } from '#services/contracts/files'
import { assertStatus, type ContractRow } from '#services/contracts/rows'

const uploadSignedContract: EngineAction<{ file_id: number }, ContractRow> = {
  async handle({ record, fields }, { trx, actor }) {
    const contract = record!
    assertStatus(contract, ['pending_signature'], 'signed again')
    if (contract.signing_method !== 'offline') throw new Conflict(`Contract ${contract.number} is signed online by the organization's admin in the portal`)
    const file = await claimFile(trx, fields.file_id, 'contract')
    const version = Number(contract.version) + 1
    await addContractVersion(trx, { contractId: Number(contract.id), version, fileId: Number(file.id), kind: 'signed_scan', staffId: actor.id })
    const now = new Date()
    await trx
      .from('contracts')
      .where('id', contract.id)
      .update({ file_id: file.id, version, status: 'active', signed_at: now, signed_by_staff_id: actor.id, updated_at: now })
    return { message: `Contract ${contract.number} is active: the signed scan is version ${version}`, auditMetadata: { file_id: Number(file.id), version } }
  },
}
export default uploadSignedContract
