/**
 * Finance confirms that an offline payment (bank transfer, cash) arrived, with the bank
 * reference or receipt number: the order becomes PAID and is credited in the same
 * transaction. Four-eyes rules:
 * - the person who created the order cannot confirm it;
 * - above OFFLINE_SECOND_APPROVAL_ABOVE (in the order's currency) the first confirmation only
 *   records approver 1 and the reference; a different finance approver completes it with the
 *   same reference.
 * A reference can settle one order per channel (unique index), so one transfer is never
 * credited twice. Locked orders are refused. The engine locks the order and audits.
 */
import payments, { CURRENCY_SCALE } from '#config/payments'
import { formatUnits, parseUnits } from '#contract/money'
import type { EngineAction } from '#services/use_case'
import type { OrderRow } from '#services/orders/rows'
import { BadRequest, Conflict, Forbidden, InvalidInput } from '#exceptions/domain_errors'
import { OFFLINE_CHANNELS } from '#services/orders/vocabulary'
import { creditOrder } from '#services/orders/credit_order'

export function needsSecondApproval(order: Pick<OrderRow, 'amount'>) {
  return BigInt(order.amount) > parseUnits(payments.secondApprovalAbove, CURRENCY_SCALE)
}

const confirmOfflineOrder: EngineAction<{ reference?: string; paid_at?: Date }, OrderRow> = {
  async handle({ record, fields: input }, { trx, actor }) {
    const order = record!
    if (!OFFLINE_CHANNELS.includes(order.channel)) throw new BadRequest('Only bank-transfer and cash orders are confirmed by hand; use "Sync with Stripe" for card payments')
    if (order.status !== 'PENDING') throw new Conflict(`The order is ${String(order.status).toLowerCase()}, not pending`)
    if (order.locked) throw new Conflict(`The order is locked (${order.lock_reason}); unlock it first`)
    if (order.created_by !== null && Number(order.created_by) === actor.id) throw new Forbidden('You created this order: another finance member must confirm it')
    const reference = String(input.reference ?? '').trim()
    if (!reference) throw new InvalidInput([{ field: 'reference', message: 'Enter the bank reference or receipt number', rule: 'required' }])
    const taken = await trx.from('orders').where({ channel: order.channel, channel_order_id: reference }).whereNot('id', order.id).first()
    if (taken) throw new Conflict(`The reference ${reference} already settled order ${taken.number}`)
    const now = new Date()
    const paidAt = input.paid_at instanceof Date ? input.paid_at : now
    if (paidAt.getTime() > now.getTime() + 60_000) throw new InvalidInput([{ field: 'paid_at', message: 'The payment cannot have arrived in the future', rule: 'date' }])

    if (needsSecondApproval(order) && !order.first_approver_id) {
      await trx.from('orders').where('id', order.id).update({
        first_approver_id: actor.id,
        first_approved_at: now,
        first_approval_reference: reference,
        operator_id: actor.id,
        updated_at: now,
      })
      return {
        message: `First approval recorded. Above ${payments.secondApprovalAbove} ${order.currency}, a second finance approver must confirm.`,
        auditMetadata: { approval: 1, reference },
      }
    }
    if (order.first_approver_id) {
      if (Number(order.first_approver_id) === actor.id) throw new Forbidden('The second approval must come from a different finance approver')
      if (order.first_approval_reference !== reference) {
        throw new InvalidInput([{ field: 'reference', message: `The reference does not match the first approval (${order.first_approval_reference})`, rule: 'match' }])
      }
    }

    const [paid] = await trx
      .from('orders')
      .where('id', order.id)
      .update({ status: 'PAID', paid_at: paidAt, channel_order_id: reference, confirmed_by: actor.id, operator_id: actor.id, failure_reason: null, updated_at: now })
      .returning('*')
    const { posted } = await creditOrder(trx, paid, actor)
    return {
      message: `Payment confirmed: ${formatUnits(BigInt(order.amount), CURRENCY_SCALE)} ${order.currency} received, balance credited`,
      auditMetadata: { approval: order.first_approver_id ? 2 : 1, reference, transactionId: Number(posted.transaction.id) },
    }
  },
}
export default confirmOfflineOrder
