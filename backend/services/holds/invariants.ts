/**
 * The hold invariant: every customer's `held` bucket holds exactly the amounts of their open
 * holds (status `held`), and every settled hold has its settlement transaction.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Violation } from '#services/ledger/invariants'

export async function checkHoldInvariants(client: QueryClientContract): Promise<Violation[]> {
  const violations: Violation[] = []
  const held = await client.rawQuery(`
    WITH accounts AS (
      SELECT owner_id AS customer_id, sum(balance) AS balance FROM ledger_accounts
      WHERE owner_type = 'customer' AND code = 'held' GROUP BY owner_id
    ), open AS (
      SELECT customer_id, sum(amount) AS amount FROM holds WHERE status = 'held' GROUP BY customer_id
    )
    SELECT coalesce(a.customer_id, o.customer_id) AS customer_id, coalesce(a.balance, 0) AS balance, coalesce(o.amount, 0) AS open
    FROM accounts a FULL JOIN open o ON o.customer_id = a.customer_id
    WHERE coalesce(a.balance, 0) <> coalesce(o.amount, 0)`)
  for (const r of held.rows) {
    violations.push({ kind: 'held_mismatch', id: String(r.customer_id), detail: `held bucket ${r.balance}, open holds ${r.open}` })
  }
  const unsettled = await client.rawQuery(`SELECT id, status FROM holds WHERE status <> 'held' AND settle_transaction_id IS NULL`)
  for (const r of unsettled.rows) {
    violations.push({ kind: 'hold_without_settlement', id: String(r.id), detail: `status ${r.status} but no settlement transaction` })
  }
  return violations
}
