/** An organization admin invites a person by email from the portal (`POST /api/portal/org/invitations { email, role }`). */
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { assertRole, lockOrg } from '#services/orgs/members'
import { inviteeEmail, issueInvitation } from '#services/orgs/invitations'

type Input = { orgId: number; personId: number; email: unknown; role: unknown }

const portalInviteMember: UseCase<Input, Record<string, any>> = {
  async handle({ orgId, personId, email: raw, role: rawRole }, { trx, actor, facts }) {
    const email = await inviteeEmail(raw)
    const role = assertRole(rawRole)
    const org = await lockOrg(trx, orgId)
    const row = await issueInvitation(trx, { orgId, orgName: org.org_name ?? org.nickname ?? org.email, email, role, customerId: personId }, facts)
    await audit.record(trx, { action: 'invite_member', resource: 'organization-invitations', recordId: row.id, after: { org_id: orgId, email, role } }, actor, facts)
    return row
  },
}
export default portalInviteMember
