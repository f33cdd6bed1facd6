/**
 * A new contract's row, before it is inserted: the organization and dates checked, its draft file
 * (a copy of the template's file, or an upload given by id) recorded as version 1 under the
 * contract's pre-allocated id. Used by the create form (the resource's write hook) and by renew.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { InvalidInput } from '#exceptions/domain_errors'
import type { Actor } from '#services/audit'
import { copyStored } from '#services/files/store'
import { addContractVersion, claimFile, nextId } from './files.js'

export type ContractDraft = {
  org_id: number
  type: 'enterprise' | 'dev_org'
  title: string
  template_id?: number | null
  file_id?: number | null
  signing_method: 'online' | 'offline'
  starts_on: string
  expires_on: string
  remark?: string | null
  renewed_from_id?: number | null
}

const invalid = (field: string, message: string, rule = 'invalid') => new InvalidInput([{ field, message, rule }])

async function checkOrganization(trx: TransactionClientContract, orgId: number) {
  const org = await trx.from('customers').where('id', orgId).select('id', 'type').first()
  if (!org) throw invalid('org_id', 'Choose an organization', 'exists')
  if (org.type !== 'organization') throw invalid('org_id', 'Contracts are made with organizations: open organization access for this customer first', 'organization')
}

/** The draft's file: a fresh copy of the template's current file, or the upload named. */
async function draftFile(trx: TransactionClientContract, draft: ContractDraft, actor: Actor) {
  if (draft.template_id && draft.file_id) throw invalid('file_id', 'Start from a template or from an uploaded file, not both')
  if (draft.template_id) {
    const template = await trx.from('contract_templates').where('id', draft.template_id).first()
    if (!template || template.status !== 'active') throw invalid('template_id', 'Choose a template in use', 'exists')
    if (template.type !== draft.type) throw invalid('template_id', `This template is for another contract type (${template.type})`, 'type')
    const source = await trx.from('stored_files').where('id', template.file_id).first()
    return copyStored(trx, source, 'contract', actor.type === 'staff' ? actor.id : null)
  }
  if (!draft.file_id) throw invalid('file_id', 'Choose a template or upload the contract file', 'required')
  return claimFile(trx, draft.file_id, 'contract')
}

/** The values to insert for a new contract (its id included); version 1 is already written. */
export async function prepareContract(trx: TransactionClientContract, draft: ContractDraft, actor: Actor) {
  await checkOrganization(trx, Number(draft.org_id))
  if (!(draft.expires_on > draft.starts_on)) throw invalid('expires_on', 'The contract must end after it starts', 'after')
  const file = await draftFile(trx, draft, actor)
  const id = await nextId(trx, 'contracts')
  const staffId = actor.type === 'staff' ? actor.id : null
  await addContractVersion(trx, { contractId: id, version: 1, fileId: Number(file.id), kind: 'draft', staffId })
  return {
    ...draft,
    id,
    file_id: Number(file.id),
    template_id: draft.template_id ?? null,
    version: 1,
    status: 'pending_signature',
    created_by: staffId,
  }
}
