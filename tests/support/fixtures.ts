/** Records for tests. Passwords are TEST_PASSWORD; one hash is computed once and reused. */
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import { TEST_PASSWORD } from './agent.js'

let passwordHash: string | undefined
async function hashed() {
  passwordHash ??= await hash.make(TEST_PASSWORD)
  return passwordHash
}

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`

export async function roleId(name: string) {
  const role = await db.from('roles').where('name', name).first()
  if (!role) throw new Error(`no role ${name}`)
  return Number(role.id)
}

export async function createStaff(role: string, overrides: Record<string, unknown> = {}) {
  const [row] = await db
    .table('staff')
    .insert({ email: `${role}.${unique()}@staff.test`, name: `Test ${role}`, password: await hashed(), role_id: await roleId(role), ...overrides })
    .returning('*')
  return row as { id: number; email: string; role_id: number }
}

export async function createCustomer(overrides: Record<string, unknown> = {}) {
  const [row] = await db
    .table('customers')
    .insert({ email: `customer.${unique()}@example.test`, nickname: 'Test customer', password: await hashed(), ...overrides })
    .returning('*')
  return { ...row, id: Number(row.id) } as { id: number; email: string } & Record<string, any>
}

export async function createCustomers(count: number, build: (i: number) => Record<string, unknown> = () => ({})) {
  const password = await hashed()
  const stamp = unique()
  const rows = Array.from({ length: count }, (_, i) => ({ email: `bulk${i}.${stamp}@example.test`, password, ...build(i) }))
  return db.table('customers').multiInsert(rows).returning('*')
}

export async function auditRows(where: Record<string, unknown>) {
  return db.from('audit_logs').where(where).orderBy('id')
}

/**
 * Customers for tests that must commit (concurrency, jobs that open their own transactions).
 * `removeCommitted()` deletes them and what refers to them afterwards, since other suites expect to
 * own the customers table; ledger rows are append-only and stay.
 */
export function committedCustomers() {
  const ids: number[] = []
  return {
    async create(overrides: Record<string, unknown> = {}) {
      const customer = await createCustomer(overrides)
      ids.push(customer.id)
      return customer
    },
    async removeCommitted() {
      if (!ids.length) return
      await removeCustomers(ids.splice(0))
    },
  }
}

/**
 * Deletes committed test customers with what a payment leaves behind for them: refunds, the
 * notices they were sent (tier upgrades, quota alerts, refunds), plans their orders activated
 * and the quotas those count, payment events and orders. (The tier history goes with the
 * customer by its own cascade.)
 */
export async function removeCustomers(list: number[]) {
  if (!list.length) return
  const orders = db.from('orders').whereIn('customer_id', list).select('id')
  await db.from('refunds').whereIn('customer_id', list).delete()
  for (const table of ['quota_alerts', 'quota_consumptions', 'quota_counters', 'customer_plans', 'notifications']) {
    await db.from(table).whereIn('customer_id', list).delete()
  }
  await db.from('payment_events').whereIn('order_id', orders).delete()
  await db.from('orders').whereIn('customer_id', list).delete()
  // organizations: memberships and invitations of or by them, verification reviews, key assignments
  await db.from('organization_members').whereIn('org_id', list).orWhereIn('customer_id', list).delete()
  await db.from('organization_invitations').whereIn('org_id', list).orWhereIn('accepted_by', list).orWhereIn('invited_by_customer_id', list).delete()
  await db.from('org_kyc_reviews').whereIn('org_id', list).delete()
  // an organization's draft bills (generated, never paid or disputed)
  await db.from('bill_lines').whereIn('bill_id', db.from('bills').whereIn('org_id', list).select('id')).delete()
  await db.from('bills').whereIn('org_id', list).delete()
  await db.from('api_keys').whereIn('member_id', list).update({ member_id: null })
  await db.from('customers').whereIn('id', list).delete()
}
