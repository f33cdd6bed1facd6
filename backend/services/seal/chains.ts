/**
 * The two sealed chains and how a row becomes the text a seal covers.
 *
 * A row's document is built here, in the application, from each column read as text (times in
 * UTC to the microsecond): a database function could be redefined by whoever can rewrite rows.
 * A ledger transaction's document includes its entries.
 */
import { createHash, createHmac } from 'node:crypto'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

export type ChainName = 'audit' | 'ledger'

export type Chain = {
  name: ChainName
  table: string
  seals: string
  /** pg advisory lock that serialises sealing (and pruning) of this chain */
  lock: number
  /** the row's own time, kept in the seal so a pruned row's age is still known */
  time: string
}

export const CHAINS: Record<ChainName, Chain> = {
  audit: { name: 'audit', table: 'audit_logs', seals: 'audit_seals', lock: 7261001, time: 'occurred_at' },
  ledger: { name: 'ledger', table: 'ledger_transactions', seals: 'ledger_seals', lock: 7261002, time: 'created_at' },
}

export const GENESIS = '0'.repeat(64)

export const utcText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`

const AUDIT_COLUMNS = ['id::text', utcText('occurred_at'), 'actor_type', 'actor_id::text', 'actor_label', 'actor_role', 'action', 'resource', 'record_id', 'changes::text', 'metadata::text', 'reason', 'ip', 'user_agent', 'request_id']
const TRANSACTION_COLUMNS = ['id::text', utcText('created_at'), 'type', 'asset', 'idempotency_key', 'request_hash', 'reference_type', 'reference_id', 'actor_type', 'actor_id::text', 'memo', 'reverses_transaction_id::text', 'customer_id::text', 'amount::text']
const ENTRY_COLUMNS = ['id::text', 'account_id::text', 'asset', 'amount::text', 'balance_after::text', utcText('created_at')]

const select = (columns: string[]) => columns.map((c, i) => `${c} AS c${i}`).join(', ')
const values = (row: Record<string, any>, count: number) => Array.from({ length: count }, (_, i) => row[`c${i}`] ?? null)

export type Doc = { time: string; digest: string }

/** Documents of the given rows (absent rows are absent from the map). */
export async function loadDocs(client: QueryClientContract, chain: Chain, ids: Array<string | number>): Promise<Map<string, Doc>> {
  const docs = new Map<string, Doc>()
  if (!ids.length) return docs
  const columns = chain.name === 'audit' ? AUDIT_COLUMNS : TRANSACTION_COLUMNS
  const { rows } = await client.rawQuery(`SELECT ${select(columns)} FROM ${chain.table} WHERE id = ANY(?::bigint[])`, [ids.map(String)])
  const entries = new Map<string, unknown[][]>()
  if (chain.name === 'ledger') {
    const found = await client.rawQuery(
      `SELECT transaction_id::text AS tx, ${select(ENTRY_COLUMNS)} FROM ledger_entries WHERE transaction_id = ANY(?::bigint[]) ORDER BY transaction_id, id`,
      [ids.map(String)]
    )
    for (const entry of found.rows) {
      if (!entries.has(entry.tx)) entries.set(entry.tx, [])
      entries.get(entry.tx)!.push(values(entry, ENTRY_COLUMNS.length))
    }
  }
  for (const row of rows) {
    const fields = values(row, columns.length)
    const document = chain.name === 'audit' ? fields : [...fields, entries.get(row.c0) ?? []]
    docs.set(row.c0, { time: row.c1, digest: createHash('sha256').update(JSON.stringify(document)).digest('hex') })
  }
  return docs
}

export type SealFields = { seq: string; rowId: string; time: string; digest: string; prevMac: string }

export function sealMac(key: Buffer, chain: ChainName, seal: SealFields) {
  return createHmac('sha256', key).update(['seal', chain, seal.seq, seal.rowId, seal.time, seal.digest, seal.prevMac].join('|')).digest('hex')
}

export type CheckpointFields = { chain: string; seq: string; mac: string; head: string; cutoff: string }

export function checkpointSignature(key: Buffer, checkpoint: CheckpointFields) {
  return createHmac('sha256', key).update(['checkpoint', checkpoint.chain, checkpoint.seq, checkpoint.mac, checkpoint.head, checkpoint.cutoff].join('|')).digest('hex')
}
