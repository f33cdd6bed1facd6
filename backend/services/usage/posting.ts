/**
 * The `usage_charge` postings of a usage batch: one per customer, all in one postMany().
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
import { postMany, type PlanContext } from '#services/ledger/post_many'
import { arrearsAccount, customerAccount } from '#services/ledger/accounts'

export type UsagePosting = { transactionId: number; amount: bigint; fromGift: bigint; fromCash: bigint; toArrears: bigint }

const min = (a: bigint, b: bigint) => (a < b ? a : b)

export function batchKey(sortedRequestIds: string[]) {
  return `usage:batch:${createHash('sha256').update(sortedRequestIds.join('\n')).digest('hex')}`
}

/** A customer's cash and gift accounts (and arrears, if ever opened) with the gift balance as last read (unlocked). */
export type CustomerAccounts = { cash: number; gift: number; giftBalance: bigint; arrears: number | null }

/**
 * The cash and gift accounts of every customer of a batch in one query; accounts that do not
 * exist yet are opened one by one (a customer's first usage only).
 */
export async function accountsOf(trx: TransactionClientContract, customerIds: number[]): Promise<Map<number, CustomerAccounts>> {
  const found = new Map<number, CustomerAccounts>()
  if (!customerIds.length) return found
  const { rows } = await trx.rawQuery(
    `SELECT id, owner_id, code, balance FROM ledger_accounts
      WHERE owner_type = 'customer' AND owner_id = ANY(?::bigint[]) AND code IN ('cash', 'gift', 'arrears') AND asset = ? AND shard = 0`,
    [customerIds.map(String), creditdesk.asset]
  )
  const of = (customerId: number, code: string) => rows.find((r: any) => Number(r.owner_id) === customerId && r.code === code)
  for (const customerId of customerIds) {
    const [cash, gift, arrears] = [of(customerId, 'cash'), of(customerId, 'gift'), of(customerId, 'arrears')]
    found.set(customerId, {
      cash: cash ? Number(cash.id) : await customerAccount(trx, customerId, 'cash'),
      gift: gift ? Number(gift.id) : await customerAccount(trx, customerId, 'gift'),
      giftBalance: gift ? BigInt(gift.balance) : 0n,
      arrears: arrears ? Number(arrears.id) : null,
    })
  }
  return found
}

export type UsageCharge = { customerId: number; amount: bigint; sortedRequestIds: string[]; accounts: CustomerAccounts }

/** Posts every customer's charge of a batch (in the order given) against one usage_revenue shard; `at`: ledger time of a history import. */
export async function postUsageCharges(trx: TransactionClientContract, charges: UsageCharge[], actor: Actor, revenue: number, at?: Date): Promise<UsagePosting[]> {
  const splits = charges.map(() => ({ fromGift: 0n, fromCash: 0n, toArrears: 0n }))
  const posted = await postMany(
    trx,
    charges.map((charge, i) => {
      const { customerId, amount, sortedRequestIds, accounts } = charge
      const requests = sortedRequestIds.length
      return {
        header: {
          type: 'usage_charge' as const,
          idempotencyKey: batchKey(sortedRequestIds),
          request: { customerId, amount, requests },
          actor,
          customerId,
          amount,
          memo: `Usage: ${requests} request${requests === 1 ? '' : 's'}`,
        },
        accounts: [accounts.gift, accounts.cash, revenue, ...(accounts.arrears ? [accounts.arrears] : [])],
        // no gift left when the batch read the accounts: skip the lots (a grant landing meanwhile stays for next time)
        giftAccounts: accounts.giftBalance > 0n ? [accounts.gift] : [],
        plan: (ctx: PlanContext) => planCharge(trx, ctx, charge, revenue, splits[i]),
        at,
      }
    })
  )
  return posted.map((p, i) => {
    // the key hashes ids claimed by this very transaction: a replay would mean a claim was lost
    if (p.replayed) throw new Error(`usage posting ${p.transaction.idempotency_key} already exists for newly claimed request ids`)
    return { transactionId: Number(p.transaction.id), amount: charges[i].amount, ...splits[i] }
  })
}

type Split = { fromGift: bigint; fromCash: bigint; toArrears: bigint }

async function planCharge(trx: TransactionClientContract, ctx: PlanContext, charge: UsageCharge, revenue: number, split: Split) {
  const { amount, accounts } = charge
  const { gift, cash } = accounts
  if (creditdesk.deductionOrder === 'gift_first') {
    split.fromGift = ctx.takeGift(gift, amount)
    split.fromCash = min(ctx.room(cash), amount - split.fromGift)
  } else {
    split.fromCash = min(ctx.room(cash), amount)
    split.fromGift = ctx.takeGift(gift, amount - split.fromCash)
  }
  split.toArrears = amount - split.fromGift - split.fromCash
  const entries = [
    { accountId: gift, amount: -split.fromGift },
    { accountId: cash, amount: -split.fromCash },
    { accountId: revenue, amount },
  ]
  if (split.toArrears > 0n) {
    // a customer's first shortfall opens the account (and locks it: nobody else holds a new one)
    const arrears = accounts.arrears ?? (await arrearsAccount(trx, charge.customerId))
    await ctx.lock(arrears)
    entries.push({ accountId: arrears, amount: -split.toArrears })
  }
  return entries
}
