/** An organization admin changes a member's role or monthly spend cap (`PATCH /api/portal/org/members/:id`). */
import audit, { diff } from '#services/audit'
import type { UseCase } from '#services/use_case'
import { lockMember } from '#services/orgs/members'
import { memberView, parseMemberChange, updateMembership, type MemberChange } from '#services/orgs/membership'

const portalUpdateMember: UseCase<{ orgId: number; memberId: number; change: MemberChange }, Record<string, any>> = {
  async handle({ orgId, memberId, change }, { trx, actor, facts }) {
    const values = parseMemberChange(change)
    const before = await lockMember(trx, orgId, memberId)
    const after = await updateMembership(trx, before, values)
    const changes = diff(memberView(before), memberView(after))
    if (Object.keys(changes.before ?? {}).length) await audit.record(trx, { action: 'update', resource: 'organization-members', recordId: memberId, ...changes }, actor, facts)
    return after
  },
}
export default portalUpdateMember
