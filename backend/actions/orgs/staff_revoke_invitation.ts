/** organization-invitations record action `revoke { reason }`: the link stops working. */
import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'

const staffRevokeInvitation: EngineAction<{}> = {
  async handle({ record }, { trx }) {
    if (record!.status !== 'pending') throw new BadRequest('Only a pending invitation can be revoked')
    await trx.from('organization_invitations').where('id', record!.id).update({ status: 'revoked', revoked_at: new Date(), updated_at: new Date() })
    return { message: 'Invitation revoked' }
  },
}
export default staffRevokeInvitation
