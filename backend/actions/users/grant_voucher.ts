/**
 * Users record action `grant_voucher { amount, valid_days | expires_at }` with a reason
 * (operations; admin-prd §5: the only manual credit). Posts one `voucher_grant` — promotion
 * expense → the customer's gift bucket, as a lot that expires — in the engine's transaction, which
 * also writes the audit row (with the transaction id below).
 *
 * Idempotent per submission: the console sends one `Idempotency-Key` per dialog, so a double
 * click (or a retry after a lost answer) replays the first grant; the same key with another
 * amount, expiry or reason is a 409. Without a key every submission is a new grant.
 */
import { randomUUID } from 'node:crypto'
import creditdesk from '#config/creditdesk'
import { formatMoney } from '#contract/money'
import type { EngineAction } from '#services/use_case'
import { InvalidInput } from '#exceptions/domain_errors'
import { grantVoucher } from '#services/ledger/grant_voucher'
import { staffKey } from '#services/ledger/caller_keys'
import { fromUnits } from '#services/ledger/amounts'
import { manualAmount } from '#services/ledger/manual_amounts'

type Fields = { amount?: string; valid_days?: number | null; expires_at?: Date | null }

const DAY = 86_400_000

function expiryOf(fields: Fields, now: Date): Date {
  const hasDays = fields.valid_days !== undefined && fields.valid_days !== null
  const hasDate = fields.expires_at instanceof Date
  if (hasDays === hasDate) {
    throw new InvalidInput([{ field: 'valid_days', message: 'Enter either how many days the voucher is valid or its expiry date', rule: 'required' }])
  }
  // the end of the last UTC day: a replay of the same submission (double click, retry) names the same expiry
  if (hasDays) return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + Number(fields.valid_days)) + DAY - 1)
  if (fields.expires_at!.getTime() <= now.getTime() + 60_000) {
    throw new InvalidInput([{ field: 'expires_at', message: 'The expiry date must be in the future', rule: 'after' }])
  }
  return fields.expires_at!
}

const grantVoucherToCustomer: EngineAction<Fields> = {
  async handle({ record, fields, reason }, { trx, actor, facts }) {
    const customer = record!
    const amount = manualAmount(fields.amount)
    const expiresAt = expiryOf(fields, new Date())
    const key = facts.idempotencyKey ? staffKey(actor.id, 'grant_voucher', facts.idempotencyKey) : `voucher:manual:${randomUUID()}`
    const posted = await grantVoucher(
      trx,
      {
        customerId: Number(customer.id),
        amount,
        expiresAt,
        idempotencyKey: key,
        source: { type: 'manual', id: Number(customer.id) },
        memo: reason ?? null,
      },
      actor
    )
    const lot = await trx.from('gift_lots').where('transaction_id', posted.transaction.id).first()
    const granted = fromUnits(posted.transaction.amount)
    return {
      message: `${posted.replayed ? 'Already granted' : 'Granted'}: a voucher of ${formatMoney(granted, creditdesk.asset)} to ${customer.email}`,
      result: { transaction_id: Number(posted.transaction.id), amount: granted, expires_at: lot?.expires_at ? new Date(lot.expires_at).toISOString() : null },
      auditMetadata: { transactionId: Number(posted.transaction.id), amount: granted, expiresAt: expiresAt.toISOString(), replayed: posted.replayed },
    }
  },
}
export default grantVoucherToCustomer
