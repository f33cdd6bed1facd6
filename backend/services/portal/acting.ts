/**
 * Which account a portal request acts in (issue 12 §1, QUALITY 14). A person signed in to the portal
 * acts in their own account, or, naming an organization in the `X-Creditdesk-Org` header (or `_org`
 * for links opened without headers), in that organization's account with their member role. Every
 * portal read and write is scoped by `customerId` from here, so a member of A can never name B's
 * anything: a membership that does not exist (or was removed) is a 404, a role without the
 * capability a 403.
 */
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type Customer from '#models/customer'
import { ACTING_ORG_HEADER, ACTING_ORG_PARAM, can, type MemberRole, type PortalCapability } from '#contract/orgs'
import { Forbidden, NotFound } from '#exceptions/domain_errors'

export interface Acting {
  /** The account acted in: the person's own, or the organization's (wallet, keys, bills, usage). */
  customerId: number
  /** The signed-in person. */
  personId: number
  /** The organization acted in, when not the person's own account. */
  orgId: number | null
  /** `owner` in one's own account (an organization's own sign-in included), else the member role. */
  role: MemberRole | 'owner'
  /** The membership row, when acting as a member. */
  memberId: number | null
}

const cache = new WeakMap<HttpContext, Promise<Acting>>()

function named(ctx: HttpContext): string | null {
  const header = ctx.request.header(ACTING_ORG_HEADER)
  if (typeof header === 'string' && header.trim() !== '') return header.trim()
  const param = ctx.request.qs()[ACTING_ORG_PARAM]
  return typeof param === 'string' && param.trim() !== '' ? param.trim() : null
}

async function resolve(ctx: HttpContext): Promise<Acting> {
  const person = ctx.auth.use('customer').user as Customer
  const personId = Number(person.id)
  const raw = named(ctx)
  if (raw === null || raw === String(personId)) return { customerId: personId, personId, orgId: null, role: 'owner', memberId: null }
  if (!/^[1-9]\d{0,17}$/.test(raw)) throw new NotFound('Organization not found')
  const orgId = Number(raw)
  const row = await db
    .from('organization_members as m')
    .join('customers as o', 'o.id', 'm.org_id')
    .where('m.org_id', orgId)
    .where('m.customer_id', personId)
    .where('m.status', 'active')
    .where('o.type', 'organization')
    .select('m.id', 'm.role', 'o.frozen')
    .first()
  if (!row) throw new NotFound('Organization not found')
  if (row.frozen) throw new Forbidden('This organization is frozen')
  return { customerId: orgId, personId, orgId, role: row.role as MemberRole, memberId: Number(row.id) }
}

/** The account this request acts in; with a capability, a 403 when the member's role lacks it. */
export async function acting(ctx: HttpContext, capability?: PortalCapability): Promise<Acting> {
  let pending = cache.get(ctx)
  if (!pending) {
    pending = resolve(ctx)
    cache.set(ctx, pending)
  }
  const result = await pending
  if (capability && !can(result.role, capability)) throw new Forbidden('Your role in this organization does not allow this')
  return result
}
