/** organization-members record action `remove { reason }`: ends the membership; the person's keys in the organization are disabled. */
import type { EngineAction } from '#services/use_case'
import { removeMembership } from '#services/orgs/membership'

const staffRemoveMember: EngineAction<{}> = {
  async handle({ record, reason }, { trx }) {
    const row = await trx.from('organization_members').where('id', record!.id).forUpdate().first()
    const { keysDisabled } = await removeMembership(trx, row, reason ?? null)
    return { message: 'Member removed', auditMetadata: { keys_disabled: keysDisabled } }
  },
}
export default staffRemoveMember
