/**
 * An organization's billing settings: the mode, and the credit limit of a postpaid account,
 * which is the `credit_limit` of its cash ledger account (the ledger refuses a charge below
 * −credit_limit). Lowering the limit under what is already used is refused.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Conflict, InvalidInput } from '#exceptions/domain_errors'
import { customerAccount } from '#services/ledger/accounts'
import { fromUnits } from '#services/ledger/amounts'

/** The credit limit in ledger units (from the engine's money field): postpaid only, never negative. */
export function assertCreditLimitFits(mode: string, raw: string | null | undefined): bigint | null {
  if (raw === null || raw === undefined) return null
  const units = BigInt(raw)
  if (units < 0n) throw new InvalidInput([{ field: 'credit_limit', message: 'The credit limit cannot be negative', rule: 'min' }])
  if (units > 0n && mode !== 'postpaid') throw new InvalidInput([{ field: 'credit_limit', message: 'A credit limit is for postpaid billing', rule: 'postpaid' }])
  return units
}

/** Sets the cash account's credit limit (null: unchanged); returns `{ before, after }` as decimal strings. */
export async function applyCreditLimit(trx: TransactionClientContract, customerId: number, limit: bigint | null) {
  if (limit === null) return null
  const accountId = await customerAccount(trx, customerId, 'cash')
  const account = await trx.from('ledger_accounts').where('id', accountId).forUpdate().first()
  if (BigInt(account.balance) < -limit) {
    throw new Conflict(`The account already uses ${fromUnits(-BigInt(account.balance))} of credit; the limit cannot be lower`)
  }
  await trx.from('ledger_accounts').where('id', accountId).update({ credit_limit: limit.toString() })
  return { before: fromUnits(account.credit_limit), after: fromUnits(limit) }
}
