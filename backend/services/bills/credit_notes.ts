/**
 * A credit note: the resolution of a dispute in the organization's favour, never an edit of the
 * bill. One `credit_notes` row, one ledger posting `credit_note` (key `credit_note:<id>`) that
 * reverses revenue the way usage earned it — usage revenue −A, the organization +A, settling
 * arrears first like a recharge (then cash) — and the bill's `credited` raised by A.
 *
 * Settlement `refund`: the credit is then paid out, `credit_note_refund` (key
 * `credit_note:<id>:refund`): the organization's cash −A, the `refunds` account +A (what finance
 * pays back outside, as for every refund). Allowed only on a bill with nothing outstanding and
 * when the organization's cash holds A after the credit, so a refund never pays out credit the
 * organization has not paid for; otherwise the credit goes to the wallet.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor, RequestFacts } from '#services/audit'
import { post } from '#services/ledger/post'
import { systemAccount } from '#services/ledger/accounts'
import { lockWallet, splitGiveBack } from '#services/ledger/arrears'
import { fromUnits } from '#services/ledger/amounts'
import { Conflict, InvalidInput } from '#exceptions/domain_errors'
import { lockBill, outstanding } from './rows.js'
import { creditableOnLine } from './disputes.js'
import { raise } from './settle.js'
import { tellOrg } from './notices.js'

export type CreditInput = { amount: bigint; settlement: 'wallet' | 'refund'; reason: string }

export async function issueCreditNote(trx: TransactionClientContract, dispute: Record<string, any>, input: CreditInput, actor: Actor, _facts: RequestFacts) {
  if (dispute.status !== 'open') throw new Conflict(`The dispute is already ${dispute.status}`)
  const bill = await lockBill(trx, dispute.bill_id)
  const orgId = Number(bill.org_id)
  const { room } = await creditableOnLine(trx, dispute.bill_line_id)
  if (input.amount <= 0n) throw new InvalidInput([{ field: 'amount', message: 'Enter an amount greater than zero', rule: 'amount' }])
  if (input.amount > room) throw new InvalidInput([{ field: 'amount', message: `At most ${fromUnits(room > 0n ? room : 0n)} of this line can still be credited`, rule: 'max' }])
  if (input.settlement === 'refund' && outstanding(bill) > 0n) throw new Conflict('The bill still has an amount outstanding: credit the wallet (it reduces what is owed) instead of refunding')

  const [note] = await trx
    .insertQuery()
    .table('credit_notes')
    .insert({ bill_id: bill.id, bill_line_id: dispute.bill_line_id, dispute_id: dispute.id, org_id: orgId, amount: input.amount.toString(), settlement: input.settlement, reason: input.reason, created_by: actor.type === 'staff' ? actor.id : null })
    .returning('*')
  const wallet = await lockWallet(trx, orgId)
  const split = splitGiveBack(input.amount, wallet.owed)
  const reference = { type: 'credit_note', id: note.id }
  const credit = await post(
    trx,
    { type: 'credit_note', idempotencyKey: `credit_note:${note.id}`, request: { creditNoteId: Number(note.id), amount: input.amount }, actor, customerId: orgId, amount: input.amount, reference, memo: `Credit note ${note.number} on bill ${bill.number}` },
    async () => [
      { accountId: await systemAccount(trx, 'usage_revenue'), amount: -input.amount },
      { accountId: wallet.arrearsId, amount: split.toArrears },
      { accountId: wallet.cashId, amount: split.toCash },
    ]
  )
  if (input.settlement === 'refund') {
    if (wallet.cash + split.toCash < input.amount) throw new Conflict(`The organization's cash (${fromUnits(wallet.cash + split.toCash)}) cannot pay out this refund; credit the wallet instead`)
    await post(
      trx,
      { type: 'credit_note_refund', idempotencyKey: `credit_note:${note.id}:refund`, request: { creditNoteId: Number(note.id), amount: input.amount }, actor, customerId: orgId, amount: input.amount, reference, memo: `Refund of credit note ${note.number}` },
      async () => [
        { accountId: wallet.cashId, amount: -input.amount },
        { accountId: await systemAccount(trx, 'refunds'), amount: input.amount },
      ]
    )
  }
  const [saved] = await trx.from('credit_notes').where('id', note.id).update({ ledger_transaction_id: credit.transaction.id }).returning('*')
  await trx.from('bill_disputes').where('id', dispute.id).update({ status: 'credited', resolution: input.reason, resolved_by: actor.type === 'staff' ? actor.id : null, resolved_at: new Date(), updated_at: new Date() })
  await raise(trx, bill, { credited: input.amount }, actor, { creditNoteId: Number(note.id), settlement: input.settlement })
  const amount = fromUnits(input.amount)
  await tellOrg(trx, orgId, 'credit_note', {
    title: { 'en': `Credit note ${note.number}`, 'zh-CN': `冲正单 ${note.number}` },
    body: {
      'en': `Your dispute on bill ${bill.number} was accepted: ${amount} ${bill.currency} ${input.settlement === 'wallet' ? 'credited to your wallet' : 'refunded'}.`,
      'zh-CN': `您对账单 ${bill.number} 的争议已受理：${amount} ${bill.currency}${input.settlement === 'wallet' ? ' 已退回钱包' : ' 已原路退款'}。`,
    },
    data: { billId: Number(bill.id), creditNoteId: Number(note.id), amount },
  })
  return saved
}
