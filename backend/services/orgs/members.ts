/**
 * Organizations and their members as the portal and the console read them: a person's
 * memberships, one organization locked for a change, a member row within one organization, and
 * each member's spend this UTC month (the month spend of the keys assigned to them).
 */
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { MEMBER_ROLES, type MemberRole } from '#contract/orgs'
import { InvalidInput, NotFound } from '#exceptions/domain_errors'
import { utcMonthStart } from '#services/api_keys/spend'

export const ROLE_VALUES = MEMBER_ROLES.map((r) => r.value) as MemberRole[]

/** The organization's display name: its own name, else the account's nickname or email. */
export const ORG_NAME_SQL = `coalesce(o.org_name, o.nickname, o.email)`

/** The organizations a person is an active member of: `[{ id, name, type, role, verification_status }]`. */
export async function personOrgs(client: QueryClientContract, personId: number) {
  const rows = await client
    .from('organization_members as m')
    .join('customers as o', 'o.id', 'm.org_id')
    .where('m.customer_id', personId)
    .where('m.status', 'active')
    .where('o.type', 'organization')
    .whereNot('m.org_id', personId)
    .orderBy('m.org_id')
    .select('o.id', 'm.role', 'o.org_type', 'o.verification_status', client.raw(`${ORG_NAME_SQL} AS name`))
  return rows.map((r) => ({ id: Number(r.id), name: r.name as string, type: r.org_type as string | null, role: r.role as MemberRole, verification_status: r.verification_status as string }))
}

/** An organization's customer row, locked for a change; 404 when the id is not an organization. */
export async function lockOrg(trx: TransactionClientContract, orgId: number) {
  const org = await trx.from('customers').where({ id: orgId, type: 'organization' }).forUpdate().first()
  if (!org) throw new NotFound('Organization not found')
  return org
}

/** An active member of one organization, locked; any other id (another organization's member too) is a 404. */
export async function lockMember(trx: TransactionClientContract, orgId: number, memberId: number) {
  const row = await trx.from('organization_members').where({ id: memberId, org_id: orgId, status: 'active' }).forUpdate().first()
  if (!row) throw new NotFound('Member not found')
  return row
}

/** A path id: a positive whole number, else a 404 (it names nothing). */
export function pathId(raw: unknown, what: string) {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,17}$/.test(raw)) throw new NotFound(`${what} not found`)
  return Number(raw)
}

export function assertRole(role: unknown, field = 'role'): MemberRole {
  if (typeof role !== 'string' || !ROLE_VALUES.includes(role as MemberRole)) {
    throw new InvalidInput([{ field, message: `The role is one of ${ROLE_VALUES.join(', ')}`, rule: 'enum' }])
  }
  return role as MemberRole
}

/** The month spend (ledger units) of each person's keys in an organization this UTC month. */
export async function memberMonthSpend(client: QueryClientContract, orgId: number, now = new Date()) {
  const { rows } = await client.rawQuery(
    `SELECT k.member_id, coalesce(sum(s.amount), 0) AS spend
       FROM api_keys k JOIN api_key_spend s ON s.api_key_id = k.id AND s.day >= ?::date
      WHERE k.customer_id = ? AND k.member_id IS NOT NULL GROUP BY k.member_id`,
    [utcMonthStart(now), orgId]
  )
  return new Map<number, bigint>(rows.map((r: any) => [Number(r.member_id), BigInt(r.spend)]))
}
