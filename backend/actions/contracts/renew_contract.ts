/**
 * Contracts record action `renew { starts_on, expires_on, file_id? }`: a new contract for the same
 * organization, type, title and signing method, linked both ways (renewed_from_id / renewed_to_id).
 * Its draft is the file given, else a copy of the template's current file, else a copy of this
 * contract's current file; it awaits signature like any new contract. Only an active or expired
 * contract not renewed yet.
 */
import type { EngineAction } from '#services/use_case'
import audit from '#services/audit'
import { Conflict } from '#exceptions/domain_errors'
import { prepareContract } from '#services/contracts/prepare'
import { assertStatus, type ContractRow } from '#services/contracts/rows'
import { copyStored } from '#services/files/store'

type Fields = { starts_on: string; expires_on: string; file_id?: number | null }

const renewContract: EngineAction<Fields, ContractRow> = {
  async handle({ record, fields }, { trx, actor, facts }) {
    const old = record!
    assertStatus(old, ['active', 'expired'], 'renewed')
    if (old.renewed_to_id) throw new Conflict(`Contract ${old.number} was already renewed (contract ${old.renewed_to_id})`)
    const template = old.template_id ? await trx.from('contract_templates').where('id', old.template_id).where('status', 'active').first() : null
    let fileId = fields.file_id ?? null
    if (!fileId && !template) {
      const current = await trx.from('stored_files').where('id', old.file_id).first()
      fileId = Number((await copyStored(trx, current, 'contract', actor.id)).id)
    }
    const values = await prepareContract(
      trx,
      {
        org_id: Number(old.org_id),
        type: old.type,
        title: old.title,
        template_id: fileId ? null : Number(template.id),
        file_id: fileId,
        signing_method: old.signing_method,
        starts_on: fields.starts_on,
        expires_on: fields.expires_on,
        renewed_from_id: Number(old.id),
      },
      actor
    )
    const [created] = await trx.insertQuery().table('contracts').insert(values).returning('*')
    await trx.from('contracts').where('id', old.id).update({ renewed_to_id: created.id, updated_at: new Date() })
    const after = { number: created.number, org_id: Number(created.org_id), type: created.type, title: created.title, status: created.status, starts_on: fields.starts_on, expires_on: fields.expires_on, renewed_from_id: Number(old.id) }
    await audit.record(trx, { action: 'create', resource: 'contracts', recordId: created.id, after, metadata: { renewal_of: Number(old.id) } }, actor, facts)
    return {
      message: `Contract ${created.number} created as the renewal of ${old.number}: it awaits signature`,
      result: { contract_id: Number(created.id), number: created.number },
      auditMetadata: { renewed_to_id: Number(created.id) },
    }
  },
}
export default renewContract
