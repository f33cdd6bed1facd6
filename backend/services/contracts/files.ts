/**
 * Attaching stored files to contracts and templates. A file given by id must have been uploaded
 * for that purpose and must not already be in another record's history (each file belongs to one
 * record; the unique file ids of the version tables hold the same rule in the database). The
 * stored_files row is locked, so two actions naming the same fresh upload attach it once.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { FilePurpose } from '#contract/files'
import { Conflict, InvalidInput } from '#exceptions/domain_errors'
import type { StoredFileRow } from '#services/files/rows'

const HISTORY: Partial<Record<FilePurpose, { table: string; owner: string; noun: string }>> = {
  contract: { table: 'contract_versions', owner: 'contract_id', noun: 'contract' },
  contract_template: { table: 'contract_template_versions', owner: 'template_id', noun: 'contract template' },
}

/** The stored file `fileId` of `purpose`, locked and not attached to any record yet. */
export async function claimFile(trx: TransactionClientContract, fileId: unknown, purpose: 'contract' | 'contract_template', field = 'file_id'): Promise<StoredFileRow> {
  const id = Number(fileId)
  const row: StoredFileRow | null = Number.isSafeInteger(id) && id > 0 ? await trx.from('stored_files').where('id', id).forUpdate().first() : null
  if (!row || row.purpose !== purpose) {
    throw new InvalidInput([{ field, message: `"${field}" must be a file uploaded for a ${HISTORY[purpose]!.noun}`, rule: 'file' }])
  }
  const history = HISTORY[purpose]!
  const used = await trx.from(history.table).where('file_id', id).select(history.owner).first()
  if (used) throw new Conflict(`This file is already attached to ${history.noun} ${used[history.owner]}: upload it again to use it here`)
  return row
}

/** The next id of a table's serial, so version rows can be written before the record (deferred key). */
export async function nextId(trx: TransactionClientContract, table: 'contracts' | 'contract_templates') {
  const { rows } = await trx.rawQuery(`SELECT nextval(pg_get_serial_sequence(?, 'id')) AS id`, [table])
  return Number(rows[0].id)
}

export type ContractVersionKind = 'draft' | 'signed_scan' | 'replacement'

export async function addContractVersion(
  trx: TransactionClientContract,
  row: { contractId: number; version: number; fileId: number; kind: ContractVersionKind; reason?: string | null; staffId: number | null }
) {
  await trx.insertQuery().table('contract_versions').insert({
    contract_id: row.contractId,
    version: row.version,
    file_id: row.fileId,
    kind: row.kind,
    reason: row.reason ?? null,
    created_by_staff_id: row.staffId,
  })
}

export async function addTemplateVersion(
  trx: TransactionClientContract,
  row: { templateId: number; version: number; fileId: number; reason?: string | null; staffId: number | null }
) {
  await trx.insertQuery().table('contract_template_versions').insert({
    template_id: row.templateId,
    version: row.version,
    file_id: row.fileId,
    reason: row.reason ?? null,
    created_by: row.staffId,
  })
}
