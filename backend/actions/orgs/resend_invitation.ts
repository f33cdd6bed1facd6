/**
 * organization-invitations record action `resend`: a new link for a pending invitation (expired
 * ones too: the validity starts again); the previous link stops working.
 */
import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'
import { renewInvitation } from '#services/orgs/invitations'

const resendInvitation: EngineAction<{}> = {
  async handle({ record }, { trx, facts }) {
    const row = await trx.from('organization_invitations').where('id', record!.id).forUpdate().first()
    if (row.status !== 'pending') throw new BadRequest('Only a pending invitation can be sent again')
    const org = await trx.from('customers').where('id', row.org_id).first()
    const expiresAt = await renewInvitation(trx, row, org.org_name ?? org.nickname ?? org.email, facts)
    return { message: `Invitation sent again to ${row.email}`, auditMetadata: { expires_at: expiresAt.toISOString() } }
  },
}
export default resendInvitation
