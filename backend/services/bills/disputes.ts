/**
 * Disputes on bill lines, opened by the organization (portal, bills.dispute) or by staff. A dispute
 * names one line of an issued bill and an amount no larger than what that line can still be
 * credited (its amount less the credit notes already issued on it).
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type Actor, type RequestFacts } from '#services/audit'
import { Conflict, InvalidInput } from '#exceptions/domain_errors'
import { fromUnits } from '#services/ledger/amounts'
import type { BillRow } from './rows.js'

const DISPUTABLE = ['issued', 'awaiting_payment', 'partially_paid', 'settled', 'closed']

/** What a line can still be credited: its amount less the credit notes on it. */
export async function creditableOnLine(trx: TransactionClientContract, lineId: number | string) {
  const line = await trx.from('bill_lines').where('id', lineId).forUpdate().first()
  const credited = await trx.from('credit_notes').where('bill_line_id', lineId).sum('amount as s').first()
  return { line, room: line ? BigInt(line.amount) - BigInt(credited?.s ?? 0) : 0n }
}

export type NewDispute = { lineId: unknown; amount: bigint; reason: string; customerId?: number; staffId?: number }

export async function openDispute(trx: TransactionClientContract, bill: BillRow, input: NewDispute, actor: Actor, facts: RequestFacts) {
  if (!DISPUTABLE.includes(bill.status)) throw new Conflict(`A ${bill.status} bill cannot be disputed`)
  const lineId = Number(input.lineId)
  const fieldError = (field: string, message: string) => new InvalidInput([{ field, message, rule: field }])
  if (!Number.isSafeInteger(lineId) || lineId <= 0) throw fieldError('bill_line_id', 'Choose a line of this bill')
  const { line, room } = await creditableOnLine(trx, lineId)
  if (!line || String(line.bill_id) !== String(bill.id)) throw fieldError('bill_line_id', 'Choose a line of this bill')
  if (input.amount <= 0n) throw fieldError('amount', 'Enter an amount greater than zero')
  if (input.amount > room) throw fieldError('amount', `At most ${fromUnits(room > 0n ? room : 0n)} of this line can be disputed`)
  const reason = input.reason.trim()
  if (reason.length < 3 || reason.length > 1000) throw fieldError('reason', 'Give a reason (3 to 1000 characters)')
  const [dispute] = await trx
    .insertQuery()
    .table('bill_disputes')
    .insert({ bill_id: bill.id, bill_line_id: lineId, amount: input.amount.toString(), reason, opened_by_customer_id: input.customerId ?? null, opened_by_staff_id: input.staffId ?? null })
    .returning('*')
  await audit.record(trx, { action: 'create', resource: 'bill-disputes', recordId: dispute.id, after: dispute, reason }, actor, facts)
  return dispute
}
