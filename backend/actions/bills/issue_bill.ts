/**
 * Finance issues a draft bill: its figures are fixed from here on (corrections are credit notes),
 * the due date is the issue date + the organization's payment terms, and the organization is told
 * (notification and mail). Its discount and tax are posted to the organization's wallet
 * (services/bills/issue_postings.ts), so the wallet owes exactly the amount due. A bill with nothing to pay (all covered by prepaid money) is settled at once.
 */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'
import { lockBill, type BillRow } from '#services/bills/rows'
import { statusAfterMoney } from '#services/bills/settle'
import { tellOrg } from '#services/bills/notices'
import { fromUnits } from '#services/ledger/amounts'
import { postBillCharges } from '#services/bills/issue_postings'

const issueBill: EngineAction<{}, BillRow> = {
  async handle({ record }, { trx, actor }) {
    const bill = await lockBill(trx, record!.id)
    if (bill.status !== 'draft') throw new Conflict(`Only a draft bill can be issued (this one is ${bill.status.replace('_', ' ')})`)
    const org = await trx.from('customers').where('id', bill.org_id).first()
    const now = new Date()
    const dueAt = new Date(now.getTime() + Number(org.payment_terms_days) * 86_400_000)
    const status = statusAfterMoney({ ...bill, status: 'issued' })
    await trx
      .from('bills')
      .where('id', bill.id)
      .update({ status, issued_at: now, issued_by: actor.type === 'staff' ? actor.id : null, due_at: dueAt, settled_at: status === 'settled' ? now : null, updated_at: now })
    await postBillCharges(trx, bill, actor)
    const due = fromUnits(bill.amount_due)
    await tellOrg(trx, Number(bill.org_id), 'bill_issued', {
      title: { 'en': `Bill ${bill.number} issued`, 'zh-CN': `账单 ${bill.number} 已出账` },
      body: {
        'en': `Your bill ${bill.number} is issued: amount due ${due} ${bill.currency}, due ${dueAt.toISOString().slice(0, 10)}.`,
        'zh-CN': `您的账单 ${bill.number} 已出账：应付 ${due} ${bill.currency}，到期日 ${dueAt.toISOString().slice(0, 10)}。`,
      },
      data: { billId: Number(bill.id), number: bill.number, amountDue: due, dueAt: dueAt.toISOString() },
      dedupeKey: `bill:${bill.id}:issued`,
    })
    return { message: `Bill ${bill.number} issued, due ${dueAt.toISOString().slice(0, 10)}` }
  },
}
export default issueBill
