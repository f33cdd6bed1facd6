/**
 * The background sealer: every couple of seconds it seals newly committed audit rows and ledger
 * transactions, in id order, into their chains. Writers never wait for it: sealing happens after
 * their commit, in its own short transaction.
 *
 * Which rows are new: every unsealed row whose inserting transaction (xact_id) was not finished
 * when the previous pass looked (its snapshot's xmin). A row that commits after a higher id
 * was sealed is therefore found on a later pass and sealed further down the chain, never lost.
 * One instance seals a chain at a time (a transaction-level advisory lock; others skip the pass).
 */
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { transaction } from '#services/transaction'
import { CHAINS, GENESIS, loadDocs, sealMac, type Chain, type ChainName } from './chains.js'
import { sealKey } from './key.js'

const BATCH = 500

export class Sealer {
  #timer?: NodeJS.Timeout
  #running?: Promise<unknown>
  /** per chain: the lowest transaction id that may still add rows unseen by the last pass */
  #horizon = new Map<ChainName, bigint>()
  /** per chain: the last seal this process wrote, to notice the end of a chain being cut off */
  #written = new Map<ChainName, bigint>()

  /** Seals what is pending in both chains; returns how many rows were sealed. */
  async sealOnce(): Promise<{ audit: number; ledger: number }> {
    const audit = await this.#sealAll(CHAINS.audit)
    const ledger = await this.#sealAll(CHAINS.ledger)
    return { audit, ledger }
  }

  start(intervalMs = 2000) {
    if (this.#timer) return
    const tick = async () => {
      try {
        this.#running = this.sealOnce()
        await this.#running
      } catch (error) {
        logger.error({ err: error }, 'sealing the audit trail failed')
      } finally {
        this.#running = undefined
        if (this.#timer) this.#timer = setTimeout(tick, intervalMs)
      }
    }
    this.#timer = setTimeout(tick, 0)
  }

  async stop() {
    const timer = this.#timer
    this.#timer = undefined
    if (timer) clearTimeout(timer)
    await this.#running?.catch(() => {})
  }

  async #sealAll(chain: Chain) {
    let total = 0
    for (;;) {
      const { sealed, more } = await transaction((trx) => this.#pass(trx, chain))
      total += sealed
      if (!more) return total
    }
  }

  async #pass(trx: TransactionClientContract, chain: Chain): Promise<{ sealed: number; more: boolean }> {
    const locked = await trx.rawQuery('SELECT pg_try_advisory_xact_lock(?) AS ok', [chain.lock])
    if (!locked.rows[0].ok) return { sealed: 0, more: false }

    const tail = await trx.rawQuery(`SELECT t.seq::text AS seq, t.mac, t.horizon::text AS horizon FROM ${chain.seals} t ORDER BY t.seq DESC LIMIT 1`)
    let seq: bigint
    let prevMac: string
    if (tail.rows.length) {
      seq = BigInt(tail.rows[0].seq)
      prevMac = tail.rows[0].mac
    } else {
      const checkpoint = await trx.rawQuery(`SELECT c.seq::text AS seq, c.mac FROM seal_checkpoints c WHERE c.chain = ? ORDER BY c.seq DESC, c.id DESC LIMIT 1`, [chain.name])
      seq = checkpoint.rows.length ? BigInt(checkpoint.rows[0].seq) : 0n
      prevMac = checkpoint.rows.length ? checkpoint.rows[0].mac : GENESIS
    }
    const written = this.#written.get(chain.name)
    if (written !== undefined && seq < written) {
      // seals are only removed under a prune checkpoint, never from the end: someone cut the chain
      logger.error({ chain: chain.name, expected: written.toString(), found: seq.toString() }, 'the seal chain ends before the last seal this process wrote')
    }
    const from = this.#horizon.get(chain.name) ?? (tail.rows.length ? BigInt(tail.rows[0].horizon) : 0n)

    // taken before the candidates are read: anything they cannot see belongs to a transaction at or above it
    const snapshot = await trx.rawQuery('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin')
    const horizon = BigInt(snapshot.rows[0].xmin)
    const candidates = await trx.rawQuery(
      `SELECT r.id::text AS id FROM ${chain.table} r
        WHERE r.xact_id >= ? AND NOT EXISTS (SELECT 1 FROM ${chain.seals} s WHERE s.row_id = r.id)
        ORDER BY r.id LIMIT ?`,
      [from.toString(), BATCH]
    )
    const more = candidates.rows.length === BATCH
    const next = more ? from : horizon
    if (candidates.rows.length) {
      const key = sealKey()
      const ids = candidates.rows.map((r: any) => r.id as string)
      const docs = await loadDocs(trx, chain, ids)
      const seals = []
      for (const id of ids) {
        const doc = docs.get(id)
        if (!doc) continue
        seq += 1n
        const fields = { seq: seq.toString(), rowId: id, time: doc.time, digest: doc.digest, prevMac }
        const mac = sealMac(key, chain.name, fields)
        seals.push({ seq: fields.seq, row_id: id, row_time: `${doc.time}Z`, digest: doc.digest, prev_mac: prevMac, mac, horizon: next.toString() })
        prevMac = mac
      }
      if (seals.length) await trx.insertQuery().table(chain.seals).multiInsert(seals)
    }
    // advanced only once this transaction commits (a rolled-back pass is redone from the old horizon)
    trx.after('commit', () => {
      this.#horizon.set(chain.name, next)
      this.#written.set(chain.name, seq)
    })
    return { sealed: candidates.rows.length, more }
  }
}

const sealer = new Sealer()
export default sealer

/** For tests and commands: seal whatever is pending now, in this process. */
export function sealPending() {
  return sealer.sealOnce()
}

