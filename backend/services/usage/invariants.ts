/**
 * Usage invariants, part of checkInvariants (services/ledger/invariants.ts):
 *  - every usage batch posting (`usage_charge`, key `usage:batch:…`) debits exactly the sum of
 *    the `charged` of the usage rows linked to it;
 *  - no usage row links to a ledger transaction that does not exist.
 * (A row equal to its own breakdown, and margin = charged − cost, are CHECKs of the table.)
 * One aggregate over the linked rows (index usage_records_transaction_idx) per check run.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Violation } from '#services/ledger/invariants'

export async function checkUsageInvariants(client: QueryClientContract): Promise<Violation[]> {
  const { rows } = await client.rawQuery(`
    WITH linked AS (
      SELECT ledger_transaction_id AS id, sum(charged) AS total, count(*) AS records
        FROM usage_records WHERE ledger_transaction_id IS NOT NULL GROUP BY ledger_transaction_id
    ), batches AS (
      SELECT id, amount FROM ledger_transactions WHERE type = 'usage_charge' AND idempotency_key LIKE 'usage:batch:%'
    )
    SELECT b.id, b.amount, coalesce(l.total, 0) AS total, coalesce(l.records, 0) AS records, 'usage_posting_mismatch' AS kind
      FROM batches b LEFT JOIN linked l ON l.id = b.id WHERE b.amount <> coalesce(l.total, 0)
    UNION ALL
    SELECT l.id, NULL, l.total, l.records, 'usage_posting_missing'
      FROM linked l WHERE NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.id = l.id)`)
  return rows.map((r: any) => ({
    kind: r.kind,
    id: String(r.id),
    detail: r.kind === 'usage_posting_mismatch'
      ? `posted ${r.amount}, its ${r.records} usage rows charged ${r.total}`
      : `${r.records} usage rows charged ${r.total} link to a missing transaction`,
  }))
}
