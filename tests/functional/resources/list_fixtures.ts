/** Rows and signed-in staff for the list tests (summary, labels, search, saved views). */
import db from '@adonisjs/lucid/services/db'
import { Agent } from '#tests/support/agent'
import { createStaff } from '#tests/support/fixtures'

export async function signIn(role: string) {
  const staff = await createStaff(role)
  return { staff, agent: await new Agent().loginStaff(staff.email) }
}

/** An order as a channel would have left it; `amount` and `grant_amount` in minor units. */
export async function insertOrder(customerId: number, overrides: Record<string, unknown> = {}) {
  const paid = ['PAID', 'REFUNDING', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(String(overrides.status ?? 'PENDING'))
  const [row] = await db
    .table('orders')
    .insert({
      customer_id: customerId,
      channel: 'bank_transfer',
      currency: 'USD',
      amount: 1000,
      grant_amount: 10_000_000,
      ...(paid ? { paid_at: new Date() } : {}),
      ...overrides,
    })
    .returning('*')
  return { ...row, id: Number(row.id) } as Record<string, any> & { id: number; number: string }
}

/** Every SQL statement the app sends while `run` runs (the server answers in this process). */
export async function countQueries(run: () => Promise<unknown>) {
  const knex = db.connection().getWriteClient() as any
  const seen: string[] = []
  const listener = (query: { sql: string }) => seen.push(query.sql)
  knex.on('query', listener)
  try {
    await run()
  } finally {
    knex.off('query', listener)
  }
  return seen
}
