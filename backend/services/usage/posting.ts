/**
 * One `usage_charge` posting for one customer's share of a usage batch.
 *
 * The usage was already served upstream, so it is never refused: gift lots first (or cash first,
 * per LEDGER_DEDUCTION_ORDER), then cash down to its credit limit, and whatever the balance
 * cannot cover goes to the customer's arrears account (a receivable; owed = −balance). That holds
 * for a frozen customer and one already in arrears too; new spending is refused elsewhere (verify,
 * internal charges) until a recharge settles the arrears.
 *
 * The idempotency key is `usage:batch:<sha256 of the customer's sorted request ids>`: the ids were
 * claimed in the same transaction, so the key is new unless the very same claims were posted.
 */
import { createHash } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import type { Actor } from '#services/audit'
import { post } from '#services/ledger/post'
import { arrearsAccount, customerAccount } from '#services/ledger/accounts'
import { takeFromLots } from '#services/ledger/gift_lots'

export type UsagePosting = { transactionId: number; amount: bigint; fromGift: bigint; fromCash: bigint; toArrears: bigint }

const min = (a: bigint, b: bigint) => (a < b ? a : b)

export function batchKey(sortedRequestIds: string[]) {
  return `usage:batch:${createHash('sha256').update(sortedRequestIds.join('\n')).digest('hex')}`
}

/** A customer's cash and gift accounts with the gift balance as last read (unlocked). */
export type CustomerAccounts = { cash: number; gift: number; giftBalance: bigint }

/**
 * The cash and gift accounts of every customer of a batch in one query; accounts that do not
 * exist yet are opened one by one (a customer's first usage only).
 */
export async function accountsOf(trx: TransactionClientContract, customerIds: number[]): Promise<Map<number, CustomerAccounts>> {
  const found = new Map<number, CustomerAccounts>()
  if (!customerIds.length) return found
  const { rows } = await trx.rawQuery(
    `SELECT id, owner_id, code, balance FROM ledger_accounts
      WHERE owner_type = 'customer' AND owner_id = ANY(?::bigint[]) AND code IN ('cash', 'gift') AND asset = ? AND shard = 0`,
    [customerIds.map(String), creditdesk.asset]
  )
  const of = (customerId: number, code: string) => rows.find((r: any) => Number(r.owner_id) === customerId && r.code === code)
  for (const customerId of customerIds) {
    const [cash, gift] = [of(customerId, 'cash'), of(customerId, 'gift')]
    found.set(customerId, {
      cash: cash ? Number(cash.id) : await customerAccount(trx, customerId, 'cash'),
      gift: gift ? Number(gift.id) : await customerAccount(trx, customerId, 'gift'),
      giftBalance: gift ? BigInt(gift.balance) : 0n,
    })
  }
  return found
}

export async function postUsageCharge(
  trx: TransactionClientContract,
  input: { customerId: number; amount: bigint; sortedRequestIds: string[]; actor: Actor; accounts: CustomerAccounts; revenue: number }
): Promise<UsagePosting> {
  const { customerId, amount, accounts, revenue } = input
  const key = batchKey(input.sortedRequestIds)
  const split = { fromGift: 0n, fromCash: 0n, toArrears: 0n }
  const posted = await post(
    trx,
    {
      type: 'usage_charge',
      idempotencyKey: key,
      request: { customerId, amount, requests: input.sortedRequestIds.length },
      actor: input.actor,
      customerId,
      amount,
      memo: `Usage: ${input.sortedRequestIds.length} request${input.sortedRequestIds.length === 1 ? '' : 's'}`,
    },
    async (transactionId) => {
      const { gift, cash } = accounts
      // no gift left when the batch read the accounts: skip the lots (a grant landing meanwhile stays for next time)
      const fromLots = (wanted: bigint) => (accounts.giftBalance > 0n ? takeFromLots(trx, gift, transactionId, wanted) : Promise.resolve(0n))
      const available = async () => {
        const row = await trx.from('ledger_accounts').where('id', cash).forUpdate().first()
        const room = BigInt(row.balance) + BigInt(row.credit_limit)
        return room > 0n ? room : 0n
      }
      if (creditdesk.deductionOrder === 'gift_first') {
        split.fromGift = await fromLots(amount)
        split.fromCash = min(await available(), amount - split.fromGift)
      } else {
        split.fromCash = min(await available(), amount)
        split.fromGift = await fromLots(amount - split.fromCash)
      }
      split.toArrears = amount - split.fromGift - split.fromCash
      return [
        { accountId: gift, amount: -split.fromGift },
        { accountId: cash, amount: -split.fromCash },
        ...(split.toArrears > 0n ? [{ accountId: await arrearsAccount(trx, customerId), amount: -split.toArrears }] : []),
        { accountId: revenue, amount },
      ]
    }
  )
  // the key hashes ids claimed by this very transaction: a replay would mean a claim was lost
  if (posted.replayed) throw new Error(`usage posting ${key} already exists for newly claimed request ids`)
  return { transactionId: Number(posted.transaction.id), amount, ...split }
}
