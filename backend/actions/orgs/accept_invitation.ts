/**
 * The signed-in person accepts an invitation (`POST /api/portal/invitations/:token/accept`): the
 * invitation's email must be theirs (403), an accepted, revoked or expired link is gone (410),
 * and the membership is created in the same transaction as the invitation is marked accepted.
 * Two accepts of one link race on the row lock: one membership.
 */
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { Conflict, Forbidden, NotFound } from '#exceptions/domain_errors'
import { InvitationGone, TOKEN_PATTERN, hashToken, invitationState } from '#services/orgs/invitations'

type Input = { token: string; personId: number; personEmail: string }

const acceptInvitation: UseCase<Input, { org_id: number; role: string; member_id: number }> = {
  async handle({ token, personId, personEmail }, { trx, actor, facts }) {
    if (!TOKEN_PATTERN.test(token)) throw new NotFound('Invitation not found')
    const row = await trx.from('organization_invitations').where('token_hash', hashToken(token)).forUpdate().first()
    if (!row) throw new NotFound('Invitation not found')
    const state = invitationState(row)
    if (state === 'accepted') throw new InvitationGone('This invitation was already accepted')
    if (state !== 'pending') throw new InvitationGone(state === 'expired' ? 'This invitation has expired; ask for a new one' : 'This invitation was revoked')
    if (row.email.toLowerCase() !== personEmail.toLowerCase()) throw new Forbidden('This invitation is for another email address; sign in with that address')
    const existing = await trx.from('organization_members').where({ org_id: row.org_id, customer_id: personId, status: 'active' }).first()
    if (existing) throw new Conflict('You are already a member of this organization')
    const now = new Date()
    const [member] = await trx
      .table('organization_members')
      .insert({ org_id: row.org_id, customer_id: personId, role: row.role, invitation_id: row.id, added_by_staff_id: row.invited_by_staff_id, added_by_customer_id: row.invited_by_customer_id })
      .returning('*')
    await trx.from('organization_invitations').where('id', row.id).update({ status: 'accepted', accepted_by: personId, accepted_at: now, updated_at: now })
    await audit.record(
      trx,
      { action: 'accept', resource: 'organization-invitations', recordId: row.id, after: { org_id: Number(row.org_id), member_id: Number(member.id), role: row.role } },
      actor,
      facts
    )
    return { org_id: Number(row.org_id), role: row.role, member_id: Number(member.id) }
  },
}
export default acceptInvitation
