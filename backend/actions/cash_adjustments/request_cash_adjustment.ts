/**
 * Finance requests a cash adjustment (the maker): a credit or a debit of one customer's cash,
 * with a reason and a reference (ticket, bank slip). Nothing moves until a different finance
 * member approves it (approve_cash_adjustment.ts). Run as the users record action
 * `request_cash_adjustment` (the customer is the record) and as the cash-adjustments collection
 * action `request` (the customer is `customer_id`).
 *
 * A debit larger than the customer's cash is refused now (and again at approval, when it counts).
 * One request per `Idempotency-Key`: a double click returns the first request; the same key with
 * another request is a 409.
 */
import creditdesk from '#config/creditdesk'
import { formatMoney } from '#contract/money'
import type { EngineAction } from '#services/use_case'
import audit from '#services/audit'
import { Conflict, Forbidden, InvalidInput, NotFound } from '#exceptions/domain_errors'
import { assertDebitCovered } from '#services/ledger/cash_adjustments'
import { staffKey } from '#services/ledger/caller_keys'
import { fromUnits } from '#services/ledger/amounts'
import { manualAmount } from '#services/ledger/manual_amounts'

type Fields = { customer_id?: number; direction?: 'credit' | 'debit'; amount?: string; reference?: string }

const requestCashAdjustment: EngineAction<Fields> = {
  async handle({ record, fields, reason }, { trx, actor, facts }) {
    if (actor.type !== 'staff' || actor.id === null) throw new Forbidden('Only staff request cash adjustments')
    const customerId = Number(record?.id ?? fields.customer_id)
    if (!customerId) throw new InvalidInput([{ field: 'customer_id', message: '"customer_id" is required', rule: 'required' }])
    const customer = await trx.from('customers').where('id', customerId).forShare().first()
    if (!customer) throw new NotFound(`Customer ${customerId} was not found`)
    if (fields.direction !== 'credit' && fields.direction !== 'debit') {
      throw new InvalidInput([{ field: 'direction', message: '"direction" is required', rule: 'required' }])
    }
    const amount = manualAmount(fields.amount)
    const reference = (fields.reference ?? '').trim()
    if (!reference) throw new InvalidInput([{ field: 'reference', message: '"reference" is required', rule: 'required' }])
    if (fields.direction === 'debit') await assertDebitCovered(trx, customerId, amount)

    const row = {
      customer_id: customerId,
      direction: fields.direction,
      amount: amount.toString(),
      currency: creditdesk.asset,
      reason: reason!,
      reference,
      requested_by: actor.id,
      idempotency_key: facts.idempotencyKey ? staffKey(actor.id, 'cash_adjustment', facts.idempotencyKey) : null,
    }
    const inserted = await trx.rawQuery(
      `INSERT INTO cash_adjustments (customer_id, direction, amount, currency, reason, reference, requested_by, idempotency_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
      // a null key binds as NULL (knex types only list non-null values)
      [row.customer_id, row.direction, row.amount, row.currency, row.reason, row.reference, row.requested_by, row.idempotency_key as string]
    )
    let adjustment = inserted.rows[0]
    const replayed = !adjustment
    if (replayed) {
      adjustment = await trx.from('cash_adjustments').where('idempotency_key', row.idempotency_key!).first()
      const same = ['customer_id', 'direction', 'amount', 'reason', 'reference'].every((k) => String(adjustment[k]) === String((row as any)[k]))
      if (!same) throw new Conflict('This idempotency key was already used with a different request')
    } else {
      await audit.record(
        trx,
        {
          action: 'request',
          resource: 'cash-adjustments',
          recordId: adjustment.id,
          after: { status: 'PENDING', customer_id: customerId, direction: row.direction, amount: fromUnits(amount), reference },
          reason,
        },
        actor,
        facts
      )
    }
    const shown = formatMoney(fromUnits(amount), creditdesk.asset, { sign: row.direction })
    return {
      message: `${replayed ? 'Already requested' : 'Requested'}: a cash ${row.direction} of ${shown}. It waits for a second finance member to approve it.`,
      result: { adjustment_id: Number(adjustment.id) },
      auditMetadata: { adjustmentId: Number(adjustment.id), replayed },
    }
  },
}
export default requestCashAdjustment
