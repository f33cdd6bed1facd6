/**
 * The one way money moves: post a balanced ledger transaction.
 *
 * 1. The idempotency key is claimed first (INSERT … ON CONFLICT DO NOTHING). A concurrent
 *    request with the same key waits for the first to commit, then finds it: same request
 *    hash → the original result is returned (`replayed`), another hash → 409. So a replay never
 *    re-evaluates balances, and nothing is written twice.
 * 2. `build` computes the entries, with whatever rows it needs locked (gift lots …).
 * 3. The accounts are locked in id order (no deadlock between two postings), the new balances
 *    checked against each credit limit, the balances updated and the entries appended with
 *    their balance_after — all in the caller's database transaction.
 * 4. The deferred balance trigger is fired at once, so an unbalanced posting fails here.
 */
import { createHash } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import { sqlBindings } from '#services/sql_bindings'
import type { Actor } from '#services/audit'
import { Conflict, DomainError } from '#exceptions/domain_errors'
import type { LedgerType } from '#contract/ledger_types'
import { fromUnits } from './amounts.js'

export class InsufficientFunds extends DomainError {
  status = 402
  code = 'E_INSUFFICIENT_FUNDS'
}

export type Entry = { accountId: number; amount: bigint }

export type Header = {
  /** One of the contract's ledger types: its direction decides whether `amount` is a magnitude or signed. */
  type: LedgerType
  idempotencyKey: string
  /** What identifies the request for replay comparison (its payload). */
  request: unknown
  actor: Actor
  customerId?: number | null
  amount?: bigint
  reference?: { type: string; id: string | number } | null
  memo?: string | null
  reverses?: number | null
}

export type Posted = {
  replayed: boolean
  transaction: Record<string, any>
  entries: Array<Record<string, any>>
}

export function requestHash(type: string, request: unknown) {
  return createHash('sha256').update(stableJson({ type, request })).digest('hex')
}

export async function post(
  trx: TransactionClientContract,
  header: Header,
  build: (transactionId: number) => Promise<Entry[]> | Entry[]
): Promise<Posted> {
  const key = header.idempotencyKey
  if (!key || key.length > 200) throw new Conflict('An idempotency key of 1 to 200 characters is required')
  const hash = requestHash(header.type, header.request)

  const claimed = await trx.rawQuery(
    `INSERT INTO ledger_transactions
       (type, asset, idempotency_key, request_hash, reference_type, reference_id, actor_type, actor_id, memo, reverses_transaction_id, customer_id, amount)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING *`,
    sqlBindings([
      header.type,
      creditdesk.asset,
      key,
      hash,
      header.reference?.type ?? null,
      header.reference ? String(header.reference.id) : null,
      header.actor.type,
      header.actor.id,
      header.memo ?? null,
      header.reverses ?? null,
      header.customerId ?? null,
      (header.amount ?? 0n).toString(),
    ])
  )

  if (!claimed.rows.length) {
    const existing = await trx.from('ledger_transactions').where('idempotency_key', key).first()
    if (!existing) throw new Conflict('The idempotency key is being used by a request that did not finish; retry')
    if (existing.request_hash !== hash) {
      throw new Conflict('This idempotency key was already used with a different request')
    }
    const entries = await trx.from('ledger_entries').where('transaction_id', existing.id).orderBy('id')
    return { replayed: true, transaction: existing, entries }
  }

  const transaction = claimed.rows[0]
  const entries = merge(await build(Number(transaction.id)))
  if (entries.length < 2) throw new Error(`ledger posting ${header.type} needs at least two entries`)
  if (entries.reduce((sum, e) => sum + e.amount, 0n) !== 0n) throw new Error(`ledger posting ${header.type} does not sum to zero`)

  const ids = [...new Set(entries.map((e) => e.accountId))].sort((a, b) => a - b)
  const accounts = await trx.from('ledger_accounts').whereIn('id', ids).orderBy('id').forUpdate().select('*')
  const balances = new Map(accounts.map((a) => [Number(a.id), { balance: BigInt(a.balance), account: a }]))

  const rows = []
  for (const entry of entries) {
    const state = balances.get(entry.accountId)
    if (!state) throw new Error(`ledger account ${entry.accountId} does not exist`)
    if (state.account.asset !== creditdesk.asset) throw new Error('a transaction never mixes assets')
    state.balance += entry.amount
    const floor = -BigInt(state.account.credit_limit)
    if (state.account.owner_type !== 'system' && state.balance < floor) {
      throw new InsufficientFunds(
        `Insufficient funds: the ${state.account.code} balance is ${fromUnits(state.balance - entry.amount)}, ${fromUnits(-entry.amount)} needed`
      )
    }
    rows.push({
      transaction_id: transaction.id,
      account_id: entry.accountId,
      asset: creditdesk.asset,
      amount: entry.amount.toString(),
      balance_after: state.balance.toString(),
    })
  }
  for (const [id, state] of balances) {
    await trx.from('ledger_accounts').where('id', id).update({ balance: state.balance.toString(), updated_at: new Date() })
  }
  const inserted = await trx.insertQuery().table('ledger_entries').multiInsert(rows).returning('*')
  await trx.rawQuery('SET CONSTRAINTS ledger_entries_balanced IMMEDIATE')
  return { replayed: false, transaction, entries: inserted }
}

/** One entry per account (a posting may name an account twice while it is built). */
export function merge(entries: Entry[]): Entry[] {
  const byAccount = new Map<number, bigint>()
  for (const e of entries) byAccount.set(e.accountId, (byAccount.get(e.accountId) ?? 0n) + e.amount)
  return [...byAccount].filter(([, amount]) => amount !== 0n).map(([accountId, amount]) => ({ accountId, amount }))
}

function stableJson(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString())
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .filter((k) => (value as any)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as any)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value ?? null)
}
