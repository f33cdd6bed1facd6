/**
 * Contracts record action `replace { file_id, reason }`: a new file becomes the contract's
 * current one (version n+1, kind replacement, with the reason); the previous file stays in the
 * contract's versions. Only a contract awaiting signature or active.
 */
import type { EngineAction } from '#services/use_case'
import { addContractVersion, claimFile } from '#services/contracts/files'
import { assertStatus, type ContractRow } from '#services/contracts/rows'

const replaceContractFile: EngineAction<{ file_id: number }, ContractRow> = {
  async handle({ record, fields, reason }, { trx, actor }) {
    const contract = record!
    assertStatus(contract, ['pending_signature', 'active'], 'replaced')
    const file = await claimFile(trx, fields.file_id, 'contract')
    const version = Number(contract.version) + 1
    await addContractVersion(trx, { contractId: Number(contract.id), version, fileId: Number(file.id), kind: 'replacement', reason, staffId: actor.id })
    await trx.from('contracts').where('id', contract.id).update({ file_id: file.id, version, updated_at: new Date() })
    return {
      message: `Contract ${contract.number}: version ${version} is now current; version ${contract.version} is kept`,
      auditMetadata: { previous_file_id: Number(contract.file_id), file_id: Number(file.id), version },
    }
  },
}
export default replaceContractFile
