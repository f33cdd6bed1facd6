/**
 * Many postings in one go, with every guarantee of post() and a handful of statements in total
 * instead of a handful per posting:
 *
 * 1. The idempotency keys are claimed in one INSERT … ON CONFLICT DO NOTHING. A key already
 *    taken: same request hash → that posting is `replayed` (nothing recomputed), another hash → 409.
 * 2. The live lots of the gift accounts named are locked in one statement (by id), then every
 *    account in one statement (by id) — lots before accounts, ids ascending, like post().
 * 3. Each claimed posting's `plan` runs in order against the locked state: balances as the earlier
 *    postings of this call left them, gift lots taken soonest-expiring first. Each entry is checked
 *    against its account's credit limit and gets its balance_after, so an account hit by several
 *    postings chains its entries in entry id order.
 * 4. One UPDATE of the lots, one INSERT of their usages, one UPDATE of the balances, one INSERT
 *    of the entries; then the deferred balance trigger is fired at once.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import creditdesk from '#config/creditdesk'
import { Conflict } from '#exceptions/domain_errors'
import { InsufficientFunds, merge, requestHash, type Entry, type Header, type Posted } from './post.js'
import { fromUnits } from './amounts.js'

export type PlanContext = {
  /** The account's balance as this call has moved it so far. */
  balance(accountId: number): bigint
  /** What the account can still give before reaching its credit limit (≥ 0). */
  room(accountId: number): bigint
  /** Takes up to `wanted` from the gift account's live lots, soonest-expiring first; returns what it took. */
  takeGift(giftAccountId: number, wanted: bigint): bigint
  /** Locks an account not named up front (one opened while planning). */
  lock(accountId: number): Promise<void>
}

export type Planned = {
  header: Header
  /** Every account the entries may touch: all locked together, in id order. */
  accounts: number[]
  /** Gift accounts whose live lots the plan may take from. */
  giftAccounts?: number[]
  plan: (ctx: PlanContext) => Promise<Entry[]> | Entry[]
  /** Ledger time of a posting imported from history (its caller checked it is allowed); default now(). */
  at?: Date
}

type Lot = { id: number; accountId: number; remaining: bigint; expiresAt: Date | null }

export async function postMany(trx: TransactionClientContract, postings: Planned[]): Promise<Posted[]> {
  if (!postings.length) return []
  const keys = postings.map((p) => p.header.idempotencyKey)
  if (keys.some((key) => !key || key.length > 200)) throw new Conflict('An idempotency key of 1 to 200 characters is required')
  if (new Set(keys).size !== keys.length) throw new Error('postMany: one idempotency key per posting')
  const hashes = postings.map((p) => requestHash(p.header.type, p.header.request))

  const claimed = await claim(trx, postings, hashes)
  const results: Posted[] = new Array(postings.length)
  await replays(trx, postings, hashes, claimed, results)
  const fresh = postings.flatMap((p, i) => {
    const transaction = claimed.get(keys[i])
    return transaction ? [{ ...p, index: i, transaction }] : []
  })
  if (!fresh.length) return results

  const lots = await lockLots(trx, [...new Set(fresh.flatMap((p) => p.giftAccounts ?? []))])
  const accounts = await lockAccounts(trx, [...new Set(fresh.flatMap((p) => p.accounts))])
  const balances = new Map(accounts.map((a) => [Number(a.id), BigInt(a.balance)]))
  const byId = new Map(accounts.map((a) => [Number(a.id), a]))
  const touched = new Set<number>()
  const usages: Array<{ transaction_id: number; lot_id: number; amount: string }> = []
  const rows: Array<Record<string, string | number>> = []

  for (const posting of fresh) {
    const transactionId = Number(posting.transaction.id)
    const account = (id: number) => byId.get(id) ?? fail(`ledger account ${id} is not locked by this posting`)
    const ctx: PlanContext = {
      balance: (id) => (account(id), balances.get(id)!),
      room: (id) => {
        const room = balances.get(id)! + BigInt(account(id).credit_limit)
        return room > 0n ? room : 0n
      },
      takeGift: (giftAccountId, wanted) => {
        let taken = 0n
        for (const lot of lots.get(giftAccountId) ?? []) {
          if (taken >= wanted) break
          const take = lot.remaining < wanted - taken ? lot.remaining : wanted - taken
          if (take <= 0n) continue
          lot.remaining -= take
          taken += take
          usages.push({ transaction_id: transactionId, lot_id: lot.id, amount: take.toString() })
        }
        return taken
      },
      lock: async (id) => {
        if (byId.has(id)) return
        const [row] = await lockAccounts(trx, [id])
        if (!row) throw new Error(`ledger account ${id} does not exist`)
        byId.set(id, row)
        balances.set(id, BigInt(row.balance))
      },
    }
    const entries = merge(await posting.plan(ctx))
    const type = posting.header.type
    if (entries.length < 2) throw new Error(`ledger posting ${type} needs at least two entries`)
    if (entries.reduce((sum, e) => sum + e.amount, 0n) !== 0n) throw new Error(`ledger posting ${type} does not sum to zero`)
    for (const entry of entries) {
      const state = account(entry.accountId)
      if (state.asset !== creditdesk.asset) throw new Error('a transaction never mixes assets')
      const before = balances.get(entry.accountId)!
      const after = before + entry.amount
      if (state.owner_type !== 'system' && after < -BigInt(state.credit_limit)) {
        throw new InsufficientFunds(`Insufficient funds: the ${state.code} balance is ${fromUnits(before)}, ${fromUnits(-entry.amount)} needed`)
      }
      balances.set(entry.accountId, after)
      touched.add(entry.accountId)
      rows.push({ transaction_id: transactionId, account_id: entry.accountId, asset: creditdesk.asset, amount: entry.amount.toString(), balance_after: after.toString(), created_at: posting.transaction.created_at })
    }
  }

  await writeLots(trx, lots, usages)
  const ids = [...touched].sort((a, b) => a - b)
  await trx.rawQuery(
    `UPDATE ledger_accounts a SET balance = v.balance, updated_at = now()
       FROM unnest(?::bigint[], ?::bigint[]) AS v(id, balance) WHERE a.id = v.id`,
    [ids.map(String), ids.map((id) => balances.get(id)!.toString())]
  )
  const inserted = await trx.insertQuery().table('ledger_entries').multiInsert(rows).returning('*')
  assertInOrder(inserted, rows)
  await trx.rawQuery('SET CONSTRAINTS ledger_entries_balanced IMMEDIATE')

  for (const p of fresh) {
    results[p.index] = { replayed: false, transaction: p.transaction, entries: inserted.filter((e) => String(e.transaction_id) === String(p.transaction.id)) }
  }
  return results
}

const fail = (message: string): never => {
  throw new Error(message)
}

/** Claims every key in one statement; returns the new transactions by key. */
async function claim(trx: TransactionClientContract, postings: Planned[], hashes: string[]) {
  const values: Array<string | number | null> = []
  for (const [i, { header, at }] of postings.entries()) {
    values.push(header.type, creditdesk.asset, header.idempotencyKey, hashes[i], header.reference?.type ?? null, header.reference ? String(header.reference.id) : null)
    values.push(header.actor.type, header.actor.id, header.memo ?? null, header.reverses ?? null, header.customerId ?? null, (header.amount ?? 0n).toString(), at ? at.toISOString() : null)
  }
  const { rows } = await trx.rawQuery(
    `INSERT INTO ledger_transactions
       (type, asset, idempotency_key, request_hash, reference_type, reference_id, actor_type, actor_id, memo, reverses_transaction_id, customer_id, amount, created_at)
     VALUES ${postings.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?::timestamptz, now()))').join(', ')}
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING *`,
    // nulls are bound as SQL NULL (the declared binding type omits them)
    values as RawQueryBindings
  )
  return new Map<string, Record<string, any>>(rows.map((r: Record<string, any>) => [r.idempotency_key, r]))
}

/** Keys claimed before: the same request is replayed with its entries, another one is a 409. */
async function replays(trx: TransactionClientContract, postings: Planned[], hashes: string[], claimed: Map<string, unknown>, results: Posted[]) {
  const taken = postings.map((p, i) => ({ key: p.header.idempotencyKey, hash: hashes[i], index: i })).filter((p) => !claimed.has(p.key))
  if (!taken.length) return
  const existing = await trx.from('ledger_transactions').whereIn('idempotency_key', taken.map((t) => t.key))
  const byKey = new Map(existing.map((t) => [t.idempotency_key, t]))
  for (const { key, hash } of taken) {
    const found = byKey.get(key)
    if (!found) throw new Conflict('The idempotency key is being used by a request that did not finish; retry')
    if (found.request_hash !== hash) throw new Conflict('This idempotency key was already used with a different request')
  }
  const entries = await trx.from('ledger_entries').whereIn('transaction_id', existing.map((t) => t.id)).orderBy('id')
  for (const { key, index } of taken) {
    const transaction = byKey.get(key)
    results[index] = { replayed: true, transaction, entries: entries.filter((e) => String(e.transaction_id) === String(transaction.id)) }
  }
}

/**
 * The live lots of the given gift accounts, locked in spending order (soonest expiry first, then id)
 * — the order a single post() takes them in (gift_lots.ts), so the two never lock one account's
 * lots in opposite orders.
 */
async function lockLots(trx: TransactionClientContract, giftAccounts: number[]) {
  const lots = new Map<number, Lot[]>()
  if (!giftAccounts.length) return lots
  const { rows } = await trx.rawQuery(
    `SELECT id, account_id, remaining, expires_at FROM gift_lots
      WHERE account_id = ANY(?::bigint[]) AND remaining > 0 AND (expires_at IS NULL OR expires_at > ?)
      ORDER BY expires_at ASC NULLS LAST, id ASC FOR UPDATE`,
    [giftAccounts.map(String), new Date()]
  )
  for (const r of rows) {
    const lot = { id: Number(r.id), accountId: Number(r.account_id), remaining: BigInt(r.remaining), expiresAt: r.expires_at ? new Date(r.expires_at) : null }
    ;(lots.get(lot.accountId) ?? lots.set(lot.accountId, []).get(lot.accountId)!).push(lot)
  }
  const soonest = (a: Lot, b: Lot) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) || a.id - b.id
  for (const list of lots.values()) list.sort(soonest)
  return lots
}

async function lockAccounts(trx: TransactionClientContract, ids: number[]) {
  if (!ids.length) return []
  const { rows } = await trx.rawQuery('SELECT * FROM ledger_accounts WHERE id = ANY(?::bigint[]) ORDER BY id FOR UPDATE', [ids.map(String)])
  return rows as Array<Record<string, any>>
}

async function writeLots(trx: TransactionClientContract, lots: Map<number, Lot[]>, usages: Array<Record<string, unknown>>) {
  if (!usages.length) return
  const changed = new Set(usages.map((u) => u.lot_id))
  const taken = [...lots.values()].flat().filter((lot) => changed.has(lot.id))
  await trx.rawQuery(
    'UPDATE gift_lots l SET remaining = v.remaining FROM unnest(?::bigint[], ?::bigint[]) AS v(id, remaining) WHERE l.id = v.id',
    [taken.map((l) => String(l.id)), taken.map((l) => l.remaining.toString())]
  )
  await trx.insertQuery().table('gift_lot_usages').multiInsert(usages)
}

/** The entries got their ids in the order they were computed (balance_after chains by id). */
function assertInOrder(inserted: Array<Record<string, any>>, rows: Array<Record<string, string | number>>) {
  const ordered = inserted.every((e, i) => i === 0 || BigInt(e.id) > BigInt(inserted[i - 1].id))
  const same = inserted.length === rows.length && inserted.every((e, i) => String(e.balance_after) === rows[i].balance_after && Number(e.account_id) === rows[i].account_id)
  if (!ordered || !same) throw new Error('ledger entries were not numbered in the order they were computed')
}
