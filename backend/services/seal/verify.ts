/**
 * Verification of both chains, for `ace audit:verify` and the console's integrity check.
 *
 * Walks each chain from its latest prune checkpoint and reports the first broken link: a row
 * changed after it was sealed, a row deleted without a prune that covers it, a seal missing,
 * forged or out of order, a checkpoint not signed with the seal key, or a row still unsealed
 * longer than the sealing delay (the sealer is down, or someone bypassed it).
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { CHAINS, GENESIS, checkpointSignature, loadDocs, sealMac, utcText, type Chain, type ChainName } from './chains.js'
import { sealKey } from './key.js'

/** Rows younger than this may be waiting for the sealer (it runs every 2 s). */
export const SEALING_DELAY_SECONDS = 60
const BATCH = 1000

export type ProblemKind = 'row_altered' | 'row_deleted' | 'seal_missing' | 'seal_forged' | 'checkpoint_forged' | 'unsealed'
export type Problem = { kind: ProblemKind; seq: string | null; rowId: string | null; detail: string }
export type ChainReport = { chain: ChainName; ok: boolean; sealed: number; checkpointSeq: string; headSeq: string; headMac: string; unsealed: number; problem: Problem | null }
export type IntegrityReport = { ok: boolean; checkedAt: string; chains: ChainReport[] }

type Checkpoint = { seq: string; mac: string; head: string; cutoff: string; signature: string }

export async function verifyIntegrity(client: QueryClientContract = db.connection(), options: { delaySeconds?: number } = {}): Promise<IntegrityReport> {
  const chains = [await verifyChain(client, CHAINS.audit, options), await verifyChain(client, CHAINS.ledger, options)]
  return { ok: chains.every((c) => c.ok), checkedAt: new Date().toISOString(), chains }
}

export async function verifyChain(client: QueryClientContract, chain: Chain, options: { delaySeconds?: number } = {}): Promise<ChainReport> {
  const key = sealKey()
  const report: ChainReport = { chain: chain.name, ok: true, sealed: 0, checkpointSeq: '0', headSeq: '0', headMac: GENESIS, unsealed: 0, problem: null }
  const fail = (problem: Problem) => {
    report.problem ??= problem
    report.ok = false
  }

  const { rows: checkpoints } = (await client.rawQuery(
    `SELECT c.seq::text AS seq, c.mac, c.head::text AS head, ${utcText('c.cutoff')} AS cutoff, c.signature FROM seal_checkpoints c WHERE c.chain = ? ORDER BY c.seq, c.id`,
    [chain.name]
  )) as { rows: Checkpoint[] }
  for (const c of checkpoints) {
    if (checkpointSignature(key, { chain: chain.name, seq: c.seq, mac: c.mac, head: c.head, cutoff: c.cutoff }) !== c.signature) {
      fail({ kind: 'checkpoint_forged', seq: c.seq, rowId: null, detail: `prune checkpoint at seal ${c.seq} is not signed with the seal key` })
    }
  }
  const start = checkpoints.at(-1)
  let expected = BigInt(start?.seq ?? '0') + 1n
  let prevMac = start?.mac ?? GENESIS
  report.checkpointSeq = start?.seq ?? '0'
  report.headSeq = report.checkpointSeq
  report.headMac = prevMac
  const prunedAway = (seq: string, time: string) => checkpoints.some((c) => BigInt(c.head) >= BigInt(seq) && time < c.cutoff)

  for (let after = expected - 1n; ; ) {
    const { rows: seals } = await client.rawQuery(
      `SELECT s.seq::text AS seq, s.row_id::text AS row_id, ${utcText('s.row_time')} AS time, s.digest, s.prev_mac, s.mac
         FROM ${chain.seals} s WHERE s.seq > ? ORDER BY s.seq LIMIT ?`,
      [after.toString(), BATCH]
    )
    if (!seals.length) break
    const docs = await loadDocs(client, chain, seals.map((s: any) => s.row_id))
    for (const seal of seals) {
      if (!report.problem) {
        if (BigInt(seal.seq) !== expected) {
          fail({ kind: 'seal_missing', seq: expected.toString(), rowId: null, detail: `seal ${expected} is missing (next is ${seal.seq})` })
        } else if (seal.prev_mac !== prevMac) {
          fail({ kind: 'seal_forged', seq: seal.seq, rowId: seal.row_id, detail: `seal ${seal.seq} does not follow seal ${expected - 1n}` })
        } else if (sealMac(key, chain.name, { seq: seal.seq, rowId: seal.row_id, time: seal.time, digest: seal.digest, prevMac: seal.prev_mac }) !== seal.mac) {
          fail({ kind: 'seal_forged', seq: seal.seq, rowId: seal.row_id, detail: `seal ${seal.seq} was not made with the seal key` })
        } else {
          const doc = docs.get(seal.row_id)
          if (doc && doc.digest !== seal.digest) {
            fail({ kind: 'row_altered', seq: seal.seq, rowId: seal.row_id, detail: `${chain.table} row ${seal.row_id} was changed after it was sealed (seal ${seal.seq})` })
          } else if (!doc && !prunedAway(seal.seq, seal.time)) {
            fail({ kind: 'row_deleted', seq: seal.seq, rowId: seal.row_id, detail: `${chain.table} row ${seal.row_id} was deleted (seal ${seal.seq}); no prune covers it` })
          }
        }
      }
      report.sealed++
      expected = BigInt(seal.seq) + 1n
      prevMac = seal.mac
      report.headSeq = seal.seq
      report.headMac = seal.mac
    }
    after = BigInt(seals.at(-1).seq)
  }

  const delay = options.delaySeconds ?? SEALING_DELAY_SECONDS
  const { rows: unsealed } = await client.rawQuery(
    `SELECT count(*)::int AS n, min(r.id)::text AS first FROM ${chain.table} r
      WHERE r.${chain.time} < now() - make_interval(secs => ?) AND NOT EXISTS (SELECT 1 FROM ${chain.seals} s WHERE s.row_id = r.id)`,
    [delay]
  )
  report.unsealed = unsealed[0].n
  if (unsealed[0].n > 0) {
    fail({ kind: 'unsealed', seq: null, rowId: unsealed[0].first, detail: `${unsealed[0].n} ${chain.table} row(s) older than ${delay} s are not sealed (first: ${unsealed[0].first})` })
  }
  return report
}
