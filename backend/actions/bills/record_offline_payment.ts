/**
 * Finance records a bank-transfer or cash payment of a bill: an offline order with `bill_id`,
 * made by the offline orders' own rules (create_offline_order.ts). It waits PENDING until another
 * finance member confirms the money arrived (confirm_offline_order.ts — the recorder cannot, and
 * above the limit two approvers must); the credit then applies it to the bill in the same
 * transaction. More than what is outstanding is refused here, before any order exists.
 */
import type { EngineAction } from '#services/use_case'
import createOfflineOrder from '#actions/orders/create_offline_order'
import type { OrderRow } from '#services/orders/rows'
import { auditOrder } from '#services/orders/order_audit'
import { lockBill, type BillRow } from '#services/bills/rows'
import { assertPayable, paymentOrderAmounts } from '#services/bills/payments'
import { InvalidInput } from '#exceptions/domain_errors'

type Fields = { amount: string; channel: string; reference: string }

const recordOfflinePayment: EngineAction<Fields, BillRow> = {
  async handle({ record, fields }, deps) {
    const bill = await lockBill(deps.trx, record!.id)
    const units = BigInt(fields.amount)
    if (units <= 0n) throw new InvalidInput([{ field: 'amount', message: 'Enter an amount greater than zero', rule: 'amount' }])
    assertPayable(bill, units)
    const priced = paymentOrderAmounts(units)
    const reference = String(fields.reference).trim()
    const row = await createOfflineOrder.handle(
      { customer_id: Number(bill.org_id), channel: fields.channel, currency: priced.currency, amount: priced.amount, grant_amount: priced.grant_amount, remark: `Bill ${bill.number} — reference ${reference}` },
      deps
    )
    const [order]: OrderRow[] = await deps.trx
      .insertQuery()
      .table('orders')
      .insert({ ...row, plan_name: `Bill ${bill.number}`, bill_id: bill.id })
      .returning('*')
    await auditOrder(deps.trx, { action: 'create', before: null, after: order, metadata: { billId: Number(bill.id), reference } }, deps.actor, deps.facts)
    return {
      message: `Payment order ${order.number} recorded for bill ${bill.number}; another finance member confirms it when the money arrives`,
      result: { order_id: Number(order.id), order_number: order.number },
      auditMetadata: { orderId: Number(order.id), reference },
    }
  },
}
export default recordOfflinePayment
