/**
 * Users record action `submit_kyc { legal_name, registration_number?, document_file_ids, note? }`
 * (operations; PRD §3 机构认证: staff file the documents an organization provides). Opens a
 * pending review (one at a time) and marks the organization's verification pending; a reviewer
 * decides on the org-kyc-reviews page. Documents are stored files of purpose kyc_document.
 */
import type { EngineAction } from '#services/use_case'
import { BadRequest, Conflict, InvalidInput } from '#exceptions/domain_errors'

type Fields = { legal_name: string; registration_number?: string | null; document_file_ids: unknown; note?: string | null }

async function documentIds(trx: Parameters<EngineAction['handle']>[1]['trx'], raw: unknown) {
  const ok = Array.isArray(raw) && raw.length >= 1 && raw.length <= 20 && raw.every((id) => Number.isSafeInteger(id) && id > 0)
  if (!ok) throw new InvalidInput([{ field: 'document_file_ids', message: 'List 1 to 20 uploaded document ids', rule: 'array' }])
  const ids = [...new Set(raw as number[])]
  const found = await trx.from('stored_files').whereIn('id', ids).where('purpose', 'kyc_document').select('id')
  if (found.length !== ids.length) throw new InvalidInput([{ field: 'document_file_ids', message: 'Each document must be an uploaded KYC document', rule: 'exists' }])
  return ids
}

const submitKyc: EngineAction<Fields> = {
  async handle({ record, fields }, { trx, actor }) {
    const org = record!
    if (org.type !== 'organization') throw new BadRequest('Verification reviews are for organizations (open organization access first)')
    const ids = await documentIds(trx, fields.document_file_ids)
    const pending = await trx.from('org_kyc_reviews').where({ org_id: org.id, status: 'pending' }).first()
    if (pending) throw new Conflict('A verification review is already waiting for a decision')
    const [review] = await trx
      .table('org_kyc_reviews')
      .insert({
        org_id: org.id,
        legal_name: fields.legal_name,
        registration_number: fields.registration_number ?? null,
        document_file_ids: ids,
        note: fields.note ?? null,
        submitted_by_staff_id: actor.type === 'staff' ? actor.id : null,
      })
      .returning('id')
    await trx.from('customers').where('id', org.id).update({ verification_status: 'pending', updated_at: new Date() })
    return { message: 'Verification submitted for review', auditMetadata: { review_id: Number(review.id ?? review) } }
  },
}
export default submitKyc
