/** An organization admin revokes a pending invitation (`DELETE /api/portal/org/invitations/:id`); another organization's id is a 404. */
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { BadRequest, NotFound } from '#exceptions/domain_errors'

const portalRevokeInvitation: UseCase<{ orgId: number; invitationId: number }, void> = {
  async handle({ orgId, invitationId }, { trx, actor, facts }) {
    const row = await trx.from('organization_invitations').where({ id: invitationId, org_id: orgId }).forUpdate().first()
    if (!row) throw new NotFound('Invitation not found')
    if (row.status !== 'pending') throw new BadRequest('Only a pending invitation can be revoked')
    await trx.from('organization_invitations').where('id', row.id).update({ status: 'revoked', revoked_at: new Date(), updated_at: new Date() })
    await audit.record(trx, { action: 'revoke', resource: 'organization-invitations', recordId: row.id, before: { status: 'pending' }, after: { status: 'revoked' } }, actor, facts)
  },
}
export default portalRevokeInvitation
