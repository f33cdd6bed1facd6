/** Rows and signed-in staff for the list tests (summary, labels, search, saved views). */
import db from '@adonisjs/lucid/services/db'

/** A signed-in staff member of `role` (the shared agent helper). */
export { staffAgent as signIn } from '#tests/support/agents'

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
