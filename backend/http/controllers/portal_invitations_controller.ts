import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type Customer from '#models/customer'
import { NotFound } from '#exceptions/domain_errors'
import { runUseCase } from '#http/use_cases'
import { TOKEN_PATTERN, hashToken, invitationState } from '#services/orgs/invitations'
import { ORG_NAME_SQL } from '#services/orgs/members'
import acceptInvitation from '#actions/orgs/accept_invitation'

/**
 * An invitation link opened in the portal: what it invites to (public: the token is the secret),
 * and its acceptance by the signed-in person it was sent to.
 */
export default class PortalInvitationsController {
  /** GET /api/portal/invitations/:token → `{ org_name, role, email, status, expired, expires_at }` */
  async show(ctx: HttpContext) {
    const token = String(ctx.params.token)
    if (!TOKEN_PATTERN.test(token)) throw new NotFound('Invitation not found')
    const row = await db
      .from('organization_invitations as i')
      .join('customers as o', 'o.id', 'i.org_id')
      .where('i.token_hash', hashToken(token))
      .select('i.email', 'i.role', 'i.status', 'i.expires_at', db.raw(`${ORG_NAME_SQL} AS org_name`))
      .first()
    if (!row) throw new NotFound('Invitation not found')
    const status = invitationState(row)
    return { org_name: row.org_name, role: row.role, email: row.email, status, expired: status === 'expired', expires_at: new Date(row.expires_at).toISOString() }
  }

  /** POST /api/portal/invitations/:token/accept → 201 `{ org_id, role, member_id }` */
  async accept(ctx: HttpContext) {
    const person = ctx.auth.use('customer').user as Customer
    const joined = await runUseCase(ctx, acceptInvitation, { token: String(ctx.params.token), personId: Number(person.id), personEmail: String(person.email) })
    ctx.response.status(201)
    return joined
  }
}
