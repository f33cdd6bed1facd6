/**
 * Taking credit back, giving it back, and arrears.
 *
 * When the payment provider takes money back on its own side (a dashboard refund, a lost
 * dispute), the credit it paid for must leave the customer's balance. What is still in cash
 * leaves cash; what was already spent becomes arrears — a receivable owed by the customer
 * (account code `arrears`, balance ≤ 0, the amount owed is its negation). Cash never goes
 * negative and the shortfall is never silently forgiven.
 *
 *   take back  C units:  cash −a, arrears −(C−a), <source> +C     a = min(cash, C)
 *   give back  C units:  arrears +r, cash +(C−r), <source> −C      r = min(owed, C)
 *   settle     on a recharge: cash −s, arrears +s                  s = min(cash, owed)
 *
 * The customer's cash and arrears rows are locked (in id order, the order post() uses) before
 * their balances are read, so the split holds under concurrency.
 */
import type { TransactionClientContract, QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#services/audit'
import { DomainError } from '#exceptions/domain_errors'
import { post, type Entry, type Header, type Posted } from './post.js'
import { ARREARS, arrearsAccount, customerAccount } from './accounts.js'
import { fromUnits } from './amounts.js'

/** 402: the customer owes arrears; spending is refused until a recharge settles them. */
export class ArrearsOutstanding extends DomainError {
  status = 402
  code = 'E_ARREARS_OUTSTANDING'
}

/** Refuses new spending while the customer owes arrears. */
export async function assertNoArrears(client: QueryClientContract, customerId: number) {
  const owed = await owedBy(client, customerId)
  if (owed > 0n) {
    throw new ArrearsOutstanding(`Payment required: this account owes ${fromUnits(owed)} (money the payment provider took back after it was spent); it cannot be charged until a recharge settles it`)
  }
}

export type Wallet = { cashId: number; cash: bigint; arrearsId: number; owed: bigint }

/** Locks the customer's cash and arrears accounts and returns what they hold. */
export async function lockWallet(trx: TransactionClientContract, customerId: number): Promise<Wallet> {
  const cashId = await customerAccount(trx, customerId, 'cash')
  const arrearsId = await arrearsAccount(trx, customerId)
  const rows = await trx.from('ledger_accounts').whereIn('id', [cashId, arrearsId]).orderBy('id').forUpdate().select('id', 'balance')
  const balance = (id: number) => BigInt(rows.find((r) => Number(r.id) === id)!.balance)
  return { cashId, cash: balance(cashId), arrearsId, owed: -balance(arrearsId) }
}

/** What a customer owes (0 when nothing), without locking. */
export async function owedBy(client: QueryClientContract, customerId: number): Promise<bigint> {
  const row = await client.from('ledger_accounts').where({ owner_type: 'customer', owner_id: customerId, code: ARREARS }).first()
  return row ? -BigInt(row.balance) : 0n
}

const min = (a: bigint, b: bigint) => (a < b ? a : b)

/** Splits an amount to take back: cash first (never below zero), the rest becomes arrears. */
export function splitTakeBack(units: bigint, cash: bigint) {
  const fromCash = min(units, cash > 0n ? cash : 0n)
  return { fromCash, toArrears: units - fromCash }
}

/** Splits an amount to give back: what is owed is reduced first, the rest goes to cash. */
export function splitGiveBack(units: bigint, owed: bigint) {
  const toArrears = min(units, owed > 0n ? owed : 0n)
  return { toArrears, toCash: units - toArrears }
}

type TakeHeader = Omit<Header, 'customerId'> & { customerId: number }

/**
 * Takes `units` of credit back from the customer towards `counter` (a system account, or the
 * accounts `counter` returns when the take is split, e.g. a dispute hold plus the rest).
 */
export async function takeBack(trx: TransactionClientContract, header: TakeHeader, units: bigint, counter: (fromCustomer: bigint) => Promise<Entry[]>) {
  const wallet = await lockWallet(trx, header.customerId)
  const split = splitTakeBack(units, wallet.cash)
  const posted = await post(trx, { amount: units, ...header }, async () => [
    { accountId: wallet.cashId, amount: -split.fromCash },
    { accountId: wallet.arrearsId, amount: -split.toArrears },
    ...(await counter(units)),
  ])
  return { posted, ...split }
}

/** Gives `units` back to the customer from `source`: arrears reduced first, then cash. */
export async function giveBack(trx: TransactionClientContract, header: TakeHeader, units: bigint, source: () => Promise<number>) {
  const wallet = await lockWallet(trx, header.customerId)
  const split = splitGiveBack(units, wallet.owed)
  const posted = await post(trx, { ...header, amount: units }, async () => [
    { accountId: await source(), amount: -units },
    { accountId: wallet.arrearsId, amount: split.toArrears },
    { accountId: wallet.cashId, amount: split.toCash },
  ])
  return { posted, ...split }
}

/**
 * Settles arrears from cash (after a recharge credited it): as much as cash covers, one
 * `arrears_settlement` under `key`. Nothing when nothing is owed or there is no cash.
 */
export async function settleArrears(
  trx: TransactionClientContract,
  customerId: number,
  key: string,
  actor: Actor,
  reference: Header['reference'],
  memo: string
): Promise<Posted | null> {
  // most customers never owe anything: do not open (or lock) an arrears account for them
  if ((await owedBy(trx, customerId)) <= 0n) return null
  const wallet = await lockWallet(trx, customerId)
  const settled = min(wallet.owed, wallet.cash > 0n ? wallet.cash : 0n)
  if (settled <= 0n) return null
  return post(
    trx,
    { type: 'arrears_settlement', idempotencyKey: key, request: { customerId, reference: reference ?? null }, actor, customerId, amount: settled, reference, memo },
    () => [
      { accountId: wallet.cashId, amount: -settled },
      { accountId: wallet.arrearsId, amount: settled },
    ]
  )
}
