/**
 * Users record action `invite_member { email, role }` (operations): mails an invitation link to
 * join the organization with that role (services/orgs/invitations.ts). The engine audits it.
 */
import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'
import { assertRole } from '#services/orgs/members'
import { inviteeEmail, issueInvitation } from '#services/orgs/invitations'

const inviteMember: EngineAction<{ email: string; role: string }> = {
  async handle({ record, fields }, { trx, actor, facts }) {
    const org = record!
    if (org.type !== 'organization' || !org.org_opened_at) throw new BadRequest('Open organization access first')
    const email = await inviteeEmail(fields.email)
    const row = await issueInvitation(
      trx,
      { orgId: Number(org.id), orgName: org.org_name ?? org.nickname ?? org.email, email, role: assertRole(fields.role), staffId: actor.type === 'staff' ? actor.id : null },
      facts
    )
    return { message: `Invitation sent to ${email}`, auditMetadata: { invitation_id: Number(row.id), email, role: row.role } }
  },
}
export default inviteMember
