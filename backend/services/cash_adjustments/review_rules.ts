/**
 * The checker's rules for a cash adjustment, shared by approve and reject (mirroring refunds):
 * only a PENDING adjustment is reviewed, only by staff, and never by the person who requested it
 * — a super_admin included (the database refuses it too: cash_adjustments_maker_is_not_checker).
 */
import type { Actor } from '#services/audit'
import { Conflict, Forbidden } from '#exceptions/domain_errors'

export function assertReviewable(adjustment: Record<string, any>, actor: Actor, verb: 'approve' | 'reject') {
  if (actor.type !== 'staff' || actor.id === null) throw new Forbidden('Only finance staff review cash adjustments')
  if (adjustment.status !== 'PENDING') {
    throw new Conflict(`This cash adjustment is already ${String(adjustment.status).toLowerCase()}; only a pending one can be ${verb === 'approve' ? 'approved' : 'rejected'}`)
  }
  if (Number(adjustment.requested_by) === Number(actor.id)) {
    throw new Forbidden(`You requested this cash adjustment, so you cannot ${verb} it: another finance member must review it (maker-checker)`)
  }
}
