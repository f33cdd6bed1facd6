/**
 * What the ledger charged an account in a period: the billable postings (usage, captured holds,
 * and the adjustments that correct them) whose transaction was written in [start, end), with the
 * account's own entries of each. A posting belongs to the period of its ledger time, so every
 * posting is billed in exactly one period, late usage records included.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Period } from './periods.js'

/** Ledger types a bill itemises; any other posting (recharges, vouchers, refunds …) is funding, not a charge. */
export const BILLABLE_TYPES = ['usage_charge', 'usage_capture', 'generation_refund', 'cash_adjustment', 'reversal'] as const
/** Reversals count only when they undo a charge. */
const REVERSIBLE_CHARGES = ['usage_charge', 'usage_capture']

export type PeriodEntry = { code: string; amount: bigint; balanceAfter: bigint }
export type PeriodPosting = { id: number; type: string; amount: bigint; key: string; entries: PeriodEntry[]; net: bigint }

export async function periodPostings(client: QueryClientContract, customerId: number, period: Period): Promise<PeriodPosting[]> {
  const rows = await client
    .from('ledger_transactions as t')
    .join('ledger_entries as e', 'e.transaction_id', 't.id')
    .join('ledger_accounts as a', 'a.id', 'e.account_id')
    .leftJoin('ledger_transactions as r', 'r.id', 't.reverses_transaction_id')
    .where('t.customer_id', customerId)
    .where('t.created_at', '>=', period.start)
    .where('t.created_at', '<', period.end)
    .whereIn('t.type', [...BILLABLE_TYPES])
    .where((q) => q.whereNot('t.type', 'reversal').orWhereIn('r.type', REVERSIBLE_CHARGES))
    .where('a.owner_type', 'customer')
    .where('a.owner_id', customerId)
    .orderBy('t.id')
    .orderBy('e.id')
    .select('t.id', 't.type', 't.amount', 't.idempotency_key', 'a.code', 'e.amount as entry_amount', 'e.balance_after')
  const postings = new Map<number, PeriodPosting>()
  for (const row of rows) {
    const id = Number(row.id)
    let posting = postings.get(id)
    if (!posting) {
      posting = { id, type: row.type, amount: BigInt(row.amount), key: row.idempotency_key, entries: [], net: 0n }
      postings.set(id, posting)
    }
    const amount = BigInt(row.entry_amount)
    posting.entries.push({ code: row.code, amount, balanceAfter: BigInt(row.balance_after) })
    posting.net += amount
  }
  return [...postings.values()]
}

/** What the ledger debited the account in the period, net of the billable credits: Σ lines must equal it. */
export const ledgerDebited = (postings: PeriodPosting[]) => postings.reduce((sum, p) => sum - p.net, 0n)

/** How much of a cash take came out of a positive balance (the rest ran on credit). */
export function fromPositiveCash(entry: PeriodEntry): bigint {
  const taken = -entry.amount
  if (taken <= 0n) return 0n
  const before = entry.balanceAfter - entry.amount
  if (before <= 0n) return 0n
  return before < taken ? before : taken
}
