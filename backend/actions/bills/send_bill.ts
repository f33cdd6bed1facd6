/**
 * Finance sends an issued bill to the organization for payment (issued → awaiting payment), or
 * sends a payable bill again as a reminder; each send notifies the organization.
 */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'
import { lockBill, outstanding, type BillRow } from '#services/bills/rows'
import { tellOrg } from '#services/bills/notices'
import { fromUnits } from '#services/ledger/amounts'

const SENDABLE = ['issued', 'awaiting_payment', 'partially_paid']

const sendBill: EngineAction<{}, BillRow> = {
  async handle({ record }, { trx }) {
    const bill = await lockBill(trx, record!.id)
    if (!SENDABLE.includes(bill.status)) throw new Conflict(`A ${bill.status.replace('_', ' ')} bill is not sent for payment`)
    const now = new Date()
    await trx
      .from('bills')
      .where('id', bill.id)
      .update({ status: bill.status === 'issued' ? 'awaiting_payment' : bill.status, sent_at: now, updated_at: now })
    const rest = fromUnits(outstanding(bill))
    const due = bill.due_at ? new Date(bill.due_at).toISOString().slice(0, 10) : ''
    await tellOrg(trx, Number(bill.org_id), 'bill_sent', {
      title: { 'en': `Bill ${bill.number}: payment requested`, 'zh-CN': `账单 ${bill.number} 待支付` },
      body: {
        'en': `Please pay ${rest} ${bill.currency} for bill ${bill.number} by ${due}. You can pay by card in the portal or by bank transfer.`,
        'zh-CN': `请于 ${due} 前支付账单 ${bill.number} 的 ${rest} ${bill.currency}，可在控制台刷卡支付或银行转账。`,
      },
      data: { billId: Number(bill.id), number: bill.number, outstanding: rest },
    })
    return { message: `Bill ${bill.number} sent: ${rest} ${bill.currency} outstanding` }
  },
}
export default sendBill
