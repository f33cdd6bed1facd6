/**
 * The changes a membership goes through, shared by the console (resource engine, which audits)
 * and the portal's use cases (which audit themselves): role and monthly cap, removal.
 * The organization's own account is its first admin: it cannot be removed or demoted.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { BadRequest, InvalidInput } from '#exceptions/domain_errors'
import { toUnits } from '#services/ledger/amounts'
import { assertRole } from './members.js'

export type MemberChange = { role?: string; monthly_spend_cap?: string | null }

/** Column values from a portal change (`monthly_spend_cap`: a decimal string, or null for no cap). */
export function parseMemberChange(body: MemberChange) {
  const values: Record<string, unknown> = {}
  if (body.role !== undefined) values.role = assertRole(body.role)
  if (body.monthly_spend_cap !== undefined) {
    values.monthly_spend_cap = body.monthly_spend_cap === null ? null : toUnits(body.monthly_spend_cap, 'monthly_spend_cap', { allowZero: true, label: 'The monthly spend cap' }).toString()
  }
  if (!Object.keys(values).length) throw new InvalidInput([{ field: 'role', message: 'Send a role or a monthly spend cap to change', rule: 'required' }])
  return values
}

/** Refuses changes the organization's own account cannot take (it stays an admin). */
export function assertChangeable(row: Record<string, any>, values: Record<string, unknown>) {
  if (row.status !== 'active') throw new BadRequest('This member was removed')
  if (Number(row.customer_id) === Number(row.org_id) && values.role !== undefined && values.role !== 'admin') {
    throw new BadRequest('The organization’s own account stays an admin')
  }
  if (values.monthly_spend_cap !== undefined && values.monthly_spend_cap !== null && BigInt(values.monthly_spend_cap as string) < 0n) {
    throw new InvalidInput([{ field: 'monthly_spend_cap', message: 'The monthly spend cap cannot be negative', rule: 'min' }])
  }
}

export async function updateMembership(trx: TransactionClientContract, row: Record<string, any>, values: Record<string, unknown>) {
  assertChangeable(row, values)
  const [after] = await trx.from('organization_members').where('id', row.id).update({ ...values, updated_at: new Date() }).returning('*')
  return after as Record<string, any>
}

/**
 * Ends a membership. The keys assigned to the person stay the organization's but are disabled:
 * a removed member keeps no working secret of the organization (an admin reassigns and enables them).
 */
export async function removeMembership(trx: TransactionClientContract, row: Record<string, any>, reason: string | null) {
  if (row.status !== 'active') throw new BadRequest('This member was already removed')
  if (Number(row.customer_id) === Number(row.org_id)) throw new BadRequest('The organization’s own account cannot be removed')
  const [after] = await trx
    .from('organization_members')
    .where('id', row.id)
    .update({ status: 'removed', removed_at: new Date(), removed_reason: reason, updated_at: new Date() })
    .returning('*')
  const disabled = await trx
    .from('api_keys')
    .where({ customer_id: row.org_id, member_id: row.customer_id, status: 'enabled' })
    .whereNull('deleted_at')
    .update({ status: 'disabled', updated_at: new Date() }, ['id'])
  return { after: after as Record<string, any>, keysDisabled: disabled.map((k: any) => Number(k.id)) }
}

/** The values an audit row keeps of a membership. */
export const memberView = (row: Record<string, any>) => ({
  id: Number(row.id),
  org_id: Number(row.org_id),
  customer_id: Number(row.customer_id),
  role: row.role,
  status: row.status,
  monthly_spend_cap: row.monthly_spend_cap === null ? null : String(row.monthly_spend_cap),
})
