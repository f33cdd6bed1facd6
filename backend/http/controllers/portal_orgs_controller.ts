import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { PortalCapability } from '#contract/orgs'
import type Customer from '#models/customer'
import { BadRequest, NotFound } from '#exceptions/domain_errors'
import { runUseCase } from '#http/use_cases'
import { assertOnlyKeys } from '#validators/strict'
import { acting } from '#services/portal/acting'
import { fromUnits } from '#services/ledger/amounts'
import { memberMonthSpend, pathId, personOrgs } from '#services/orgs/members'
import { invitationState } from '#services/orgs/invitations'
import { usageByMember } from '#services/orgs/member_usage'
import portalInviteMember from '#actions/orgs/portal_invite_member'
import portalRevokeInvitation from '#actions/orgs/portal_revoke_invitation'
import portalUpdateMember from '#actions/orgs/portal_update_member'
import portalRemoveMember from '#actions/orgs/portal_remove_member'

/** The organization acted in, for a capability; acting in an account that is not an organization is a 404. */
async function inOrg(ctx: HttpContext, capability: PortalCapability) {
  const a = await acting(ctx, capability)
  const org = await db.from('customers').where({ id: a.customerId, type: 'organization' }).select('id').first()
  if (!org) throw new NotFound('Organization not found')
  return { ...a, orgId: a.customerId }
}

const presentInvitation = (r: Record<string, any>) => ({
  id: Number(r.id),
  email: r.email,
  role: r.role,
  status: invitationState(r),
  expires_at: new Date(r.expires_at).toISOString(),
  created_at: new Date(r.created_at).toISOString(),
})

/**
 * The portal's organization pages: the person's organizations; an organization's members and
 * invitations (members.manage); the usage of each member (usage.view). Every id is looked up within
 * the organization acted in, so another organization's member or invitation is a 404.
 */
export default class PortalOrgsController {
  /** GET /api/portal/orgs → `[{ id, name, type, role, verification_status }]` */
  async index(ctx: HttpContext) {
    // the person's list whatever organization the request names (a stale choice must not hide it)
    const person = ctx.auth.use('customer').user as Customer
    return personOrgs(db.connection(), Number(person.id))
  }

  /** GET /api/portal/org/members → `[{ id, customer_id, email, nickname, role, monthly_spend_cap, month_spend, joined_at, account_owner }]` */
  async members(ctx: HttpContext) {
    const { orgId } = await inOrg(ctx, 'members.manage')
    const rows = await db
      .from('organization_members as m')
      .join('customers as c', 'c.id', 'm.customer_id')
      .where({ 'm.org_id': orgId, 'm.status': 'active' })
      .orderBy('m.id')
      .select('m.id', 'm.customer_id', 'm.role', 'm.monthly_spend_cap', 'm.joined_at', 'c.email', 'c.nickname')
    const spend = await memberMonthSpend(db.connection(), orgId)
    return rows.map((r) => ({
      id: Number(r.id),
      customer_id: Number(r.customer_id),
      email: r.email,
      nickname: r.nickname,
      role: r.role,
      monthly_spend_cap: r.monthly_spend_cap === null ? null : fromUnits(r.monthly_spend_cap),
      month_spend: fromUnits(spend.get(Number(r.customer_id)) ?? 0n),
      joined_at: new Date(r.joined_at).toISOString(),
      account_owner: Number(r.customer_id) === orgId,
    }))
  }

  /** PATCH /api/portal/org/members/:id { role?, monthly_spend_cap? (decimal string | null) } */
  async updateMember(ctx: HttpContext) {
    const { orgId } = await inOrg(ctx, 'members.manage')
    const body = ctx.request.body()
    assertOnlyKeys(body, ['role', 'monthly_spend_cap'])
    const row = await runUseCase(ctx, portalUpdateMember, { orgId, memberId: pathId(ctx.params.id, 'Member'), change: body })
    return { id: Number(row.id), role: row.role, monthly_spend_cap: row.monthly_spend_cap === null ? null : fromUnits(row.monthly_spend_cap) }
  }

  /** DELETE /api/portal/org/members/:id → 204 */
  async removeMember(ctx: HttpContext) {
    const { orgId } = await inOrg(ctx, 'members.manage')
    await runUseCase(ctx, portalRemoveMember, { orgId, memberId: pathId(ctx.params.id, 'Member') })
    return ctx.response.noContent()
  }

  /** GET /api/portal/org/invitations → the organization's invitations, newest first */
  async invitations(ctx: HttpContext) {
    const { orgId } = await inOrg(ctx, 'members.manage')
    const rows = await db.from('organization_invitations').where('org_id', orgId).orderBy('id', 'desc').limit(200)
    return rows.map(presentInvitation)
  }

  /** POST /api/portal/org/invitations { email, role } → 201 the invitation (the link goes by email only) */
  async invite(ctx: HttpContext) {
    const person = await inOrg(ctx, 'members.manage')
    const body = ctx.request.body()
    assertOnlyKeys(body, ['email', 'role'])
    const row = await runUseCase(ctx, portalInviteMember, { orgId: person.orgId, personId: person.personId, email: body.email, role: body.role })
    ctx.response.status(201)
    return presentInvitation(row)
  }

  /** DELETE /api/portal/org/invitations/:id → 204 */
  async revokeInvitation(ctx: HttpContext) {
    const { orgId } = await inOrg(ctx, 'members.manage')
    await runUseCase(ctx, portalRevokeInvitation, { orgId, invitationId: pathId(ctx.params.id, 'Invitation') })
    return ctx.response.noContent()
  }

  /** GET /api/portal/org/usage/members?from=YYYY-MM-DD&to=YYYY-MM-DD&tz= → per member: requests, tokens, charged */
  async usageByMember(ctx: HttpContext) {
    const { orgId } = await inOrg(ctx, 'usage.view')
    const qs = ctx.request.qs()
    const unknown = Object.keys(qs).find((key) => !['from', 'to', 'tz', '_org'].includes(key))
    if (unknown) throw new BadRequest(`Unknown parameter "${unknown.slice(0, 40)}" (use from, to, tz)`)
    return usageByMember(orgId, { from: qs.from, to: qs.to, tz: qs.tz })
  }
}
