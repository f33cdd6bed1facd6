/**
 * The decision on a pending verification review (org-kyc-reviews `approve` / `reject` with a
 * reason): the reviewer and time are kept, and the organization's verification status follows.
 * A reviewer may not decide a review they filed themselves (four eyes).
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#services/use_case'
import { BadRequest, Forbidden } from '#exceptions/domain_errors'

export async function decideKyc(trx: TransactionClientContract, record: Record<string, any>, decision: 'approved' | 'rejected', reason: string | null, actor: Actor) {
  if (record.status !== 'pending') throw new BadRequest('This review was already decided')
  if (actor.type === 'staff' && record.submitted_by_staff_id !== null && Number(record.submitted_by_staff_id) === Number(actor.id)) {
    throw new Forbidden('Another staff member decides a review you filed')
  }
  await trx.from('org_kyc_reviews').where('id', record.id).update({
    status: decision,
    reviewer_id: actor.type === 'staff' ? actor.id : null,
    decided_at: new Date(),
    decision_reason: reason,
    updated_at: new Date(),
  })
  await trx.from('customers').where('id', record.org_id).update({ verification_status: decision === 'approved' ? 'verified' : 'rejected', updated_at: new Date() })
  return { message: decision === 'approved' ? 'Verification approved' : 'Verification rejected', auditMetadata: { org_id: Number(record.org_id) } }
}
