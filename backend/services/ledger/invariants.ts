/**
 * The invariant checker. Whatever happened, these must hold:
 *  - every transaction has ≥ 2 entries of one asset summing to zero;
 *  - every account's stored balance equals the sum of its entries, and its last entry's balance_after;
 *  - no customer balance below its credit limit;
 *  - every gift account's balance equals what its lots have left;
 *  - every customer's held bucket equals their open credit holds (services/holds/invariants.ts);
 *  - every usage batch posting equals the charges of its usage rows (services/usage/invariants.ts).
 * Returns the violations (empty when all is well).
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'

export type Violation = { kind: string; id: string; detail: string }

export async function checkInvariants(client: QueryClientContract = db.connection()): Promise<Violation[]> {
  const violations: Violation[] = []
  const unbalanced = await client.rawQuery(`
    SELECT t.id, coalesce(sum(e.amount), 0) AS total, count(e.id) AS entries, count(DISTINCT e.asset) AS assets
    FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id
    GROUP BY t.id HAVING coalesce(sum(e.amount), 0) <> 0 OR count(e.id) < 2 OR count(DISTINCT e.asset) > 1`)
  for (const r of unbalanced.rows) {
    violations.push({ kind: 'unbalanced_transaction', id: String(r.id), detail: `sum ${r.total}, ${r.entries} entries, ${r.assets} assets` })
  }
  const drift = await client.rawQuery(`
    SELECT a.id, a.balance, coalesce(s.total, 0) AS total, last.balance_after
    FROM ledger_accounts a
    LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_entries GROUP BY account_id) s ON s.account_id = a.id
    LEFT JOIN LATERAL (SELECT balance_after FROM ledger_entries WHERE account_id = a.id ORDER BY id DESC LIMIT 1) last ON true
    WHERE a.balance <> coalesce(s.total, 0) OR (last.balance_after IS NOT NULL AND last.balance_after <> a.balance)`)
  for (const r of drift.rows) {
    violations.push({ kind: 'balance_mismatch', id: String(r.id), detail: `stored ${r.balance}, entries sum ${r.total}, last balance_after ${r.balance_after}` })
  }
  const negative = await client.rawQuery(`SELECT id, balance, credit_limit FROM ledger_accounts WHERE owner_type <> 'system' AND balance < -credit_limit`)
  for (const r of negative.rows) {
    violations.push({ kind: 'negative_balance', id: String(r.id), detail: `balance ${r.balance}, credit limit ${r.credit_limit}` })
  }
  const lots = await client.rawQuery(`
    SELECT a.id, a.balance, coalesce(sum(l.remaining), 0) AS lots
    FROM ledger_accounts a LEFT JOIN gift_lots l ON l.account_id = a.id
    WHERE a.owner_type = 'customer' AND a.code = 'gift'
    GROUP BY a.id HAVING a.balance <> coalesce(sum(l.remaining), 0)`)
  for (const r of lots.rows) {
    violations.push({ kind: 'gift_lots_mismatch', id: String(r.id), detail: `balance ${r.balance}, lots hold ${r.lots}` })
  }
  violations.push(...(await (await import('#services/holds/invariants')).checkHoldInvariants(client)))
  violations.push(...(await (await import('#services/usage/invariants')).checkUsageInvariants(client)))
  return violations
}
