/** An organization admin removes a member (`DELETE /api/portal/org/members/:id`); their keys in the organization are disabled. */
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { lockMember } from '#services/orgs/members'
import { memberView, removeMembership } from '#services/orgs/membership'

const portalRemoveMember: UseCase<{ orgId: number; memberId: number }, void> = {
  async handle({ orgId, memberId }, { trx, actor, facts }) {
    const before = await lockMember(trx, orgId, memberId)
    const { after, keysDisabled } = await removeMembership(trx, before, 'Removed by an organization admin')
    await audit.record(
      trx,
      { action: 'remove', resource: 'organization-members', recordId: memberId, before: memberView(before), after: memberView(after), metadata: { keys_disabled: keysDisabled } },
      actor,
      facts
    )
  },
}
export default portalRemoveMember
