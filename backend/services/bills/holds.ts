/** The holds whose captures a period charged, and how their cash was taken (for the deduction order). */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { fromPositiveCash, type PeriodPosting } from './ledger_period.js'

export const holdIdOf = (key: string) => Number(/^hold:(\d+):capture$/.exec(key)?.[1] ?? 0)

export async function capturedHolds(client: QueryClientContract, postings: PeriodPosting[]) {
  const ids = postings.filter((p) => p.type === 'usage_capture').map((p) => holdIdOf(p.key)).filter((id) => id > 0)
  if (!ids.length) return new Map<number, Record<string, any>>()
  const rows = await client
    .from('holds as h')
    .leftJoin('usage_models as m', 'm.id', 'h.model_id')
    .whereIn('h.id', ids)
    .select('h.id', 'h.model_id', 'h.units', 'h.from_gift', 'h.from_cash', 'h.hold_transaction_id', 'm.name', 'm.billing_unit')
  return new Map(rows.map((r) => [Number(r.id), r]))
}

/** For each hold, how much of its cash take the balance held (above zero) when it was taken. */
export async function holdPositiveCash(client: QueryClientContract, holds: Array<Record<string, any>>) {
  const out = new Map<number, bigint>()
  if (!holds.length) return out
  const rows = await client
    .from('ledger_entries as e')
    .join('ledger_accounts as a', 'a.id', 'e.account_id')
    .whereIn('e.transaction_id', holds.map((h) => h.hold_transaction_id))
    .where('a.code', 'cash')
    .select('e.transaction_id', 'e.amount', 'e.balance_after')
  for (const hold of holds) {
    const row = rows.find((r) => String(r.transaction_id) === String(hold.hold_transaction_id))
    out.set(Number(hold.id), row ? fromPositiveCash({ code: 'cash', amount: BigInt(row.amount), balanceAfter: BigInt(row.balance_after) }) : 0n)
  }
  return out
}
