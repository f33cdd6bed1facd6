/**
 * Usage ingestion (issue 10 §3): a batch of up to 1,000 records, every request billed exactly once.
 *
 * All in the caller's one transaction: parse each record (a bad one is `rejected`, the rest goes
 * on), resolve the catalog in bulk, price in memory (services/usage/pricing.ts), make sure the
 * months' partitions exist, claim the request ids (a repeated id — earlier in this batch or in
 * any earlier batch — is a `duplicate` and billed nothing), post one `usage_charge` per customer
 * (zero-charge customers post nothing), insert the usage rows linked to their posting, keep the
 * keys' spend and last use, and audit each posting. The claim commits with the usage row and the
 * debit or not at all, so a batch whose write fails leaves its ids free for the retry.
 *
 * What is billed: a success for what it reports (a per-request model with no `units` = 1 request);
 * an upstream error only for the tokens it reports (its units are never billed, so an error with
 * zero tokens costs nothing and a failed long job is never charged); a cancelled stream for the
 * tokens and units the gateway reports as consumed before the cancel (no units = none billed).
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RequestFacts, UseCase } from '#services/use_case'
import audit from '#services/audit'
import { fromUnits } from '#services/ledger/amounts'
import { parseUsageRecord, usageEnvelope, type UsageRecordInput } from '#validators/usage'
import { loadCatalog, resolve } from '#services/usage/catalog'
import { multiplierUnits, priceRecord, type Priced } from '#services/usage/pricing'
import { ensureUsagePartitions, monthsOf } from '#services/usage/partitions'
import { allocateUsageIds, claimRequestIds, insertUsageRows, recordKeyUse, type BillableRow } from '#services/usage/store'
import { accountsOf, postUsageCharges } from '#services/usage/posting'
import { addToRollups } from '#services/usage_rollups/add'
import { countTokens, tokensOf } from '#services/rate_limit/usage_tokens'
import { systemAccount } from '#services/ledger/accounts'
import type { BillingUnit, UsageOutcome } from '#contract/usage'

/** What happened to one record (the reply's `outcome`). */
export type { UsageOutcome }

export type IngestInput = { records?: unknown } | unknown

export type IngestResult = {
  request_id: string | null
  outcome: UsageOutcome
  reason?: string
  usage_id?: number
  charged?: string
  note?: string
}

export type IngestReply = { results: IngestResult[]; billed: number; duplicates: number; rejected: number }

/** One record's amounts must leave room for 1,000 of them in a bigint posting. */
const MAX_RECORD_UNITS = 9223372036854775807n / 1000n
const ONE_UNIT = 1_000_000n

function billedUnits(record: UsageRecordInput, billingUnit: BillingUnit): bigint {
  if (record.status === 'error') return 0n
  if (record.units !== null) return record.units
  return record.status === 'success' && billingUnit === 'per_request' ? ONE_UNIT : 0n
}

const tooLarge = (p: Priced) => p.charged > MAX_RECORD_UNITS || p.cost > MAX_RECORD_UNITS || p.cacheSavings > MAX_RECORD_UNITS

/**
 * The ledger time of a history import run in process (`facts.ledgerTime`, the demo seed): in the
 * past, not before any record of the batch, and never inside or before a period already billed to
 * one of its customers (an issued bill's figures are fixed, so its period takes no new posting).
 * Undefined (now) for every request.
 */
async function historyLedgerTime(trx: TransactionClientContract, facts: RequestFacts, rows: BillableRow[], customerIds: number[], now: Date) {
  const at = facts.ledgerTime
  if (!at) return undefined
  if (!(at instanceof Date) || !(at.getTime() <= now.getTime())) throw new Error('a history ledger time must be a moment in the past')
  if (rows.some((r) => r.record.startedAt.getTime() > at.getTime())) throw new Error('a history ledger time comes after every record it posts')
  if (customerIds.length) {
    const billed = await trx.from('bills').whereIn('org_id', customerIds).whereNotIn('status', ['draft', 'voided']).where('period_end', '>', at).first()
    if (billed) throw new Error(`bill ${billed.number} already covers ${at.toISOString()}: history cannot be posted into a billed period`)
  }
  return at
}

const ingestUsage: UseCase<IngestInput, IngestReply> = {
  async handle(input, { trx, actor, facts }) {
    const raw = usageEnvelope(input)
    const now = new Date()
    const results: IngestResult[] = new Array(raw.length)
    const parsed: Array<{ index: number; record: UsageRecordInput }> = []
    raw.forEach((item, index) => {
      const p = parseUsageRecord(item, now)
      if (p.ok) parsed.push({ index, record: p.record })
      else results[index] = { request_id: p.requestId, outcome: 'rejected', reason: p.reason }
    })

    const catalog = parsed.length ? await loadCatalog(trx, parsed.map((p) => p.record)) : null
    const candidates: Array<{ index: number; row: BillableRow }> = []
    const seen = new Set<string>()
    for (const { index, record } of parsed) {
      const resolved = resolve(catalog!, record)
      if ('reason' in resolved) {
        results[index] = { request_id: record.requestId, outcome: 'rejected', reason: resolved.reason }
        continue
      }
      const units = billedUnits(record, resolved.model.billingUnit)
      const quantities = { inputTokens: record.inputTokens, outputTokens: record.outputTokens, cacheReadTokens: record.cacheReadTokens, cacheWriteTokens: record.cacheWriteTokens, units }
      const priced = priceRecord(quantities, resolved.model.billingUnit, resolved.version.rates, multiplierUnits(resolved.multiplier), resolved.costs)
      if (tooLarge(priced)) {
        results[index] = { request_id: record.requestId, outcome: 'rejected', reason: 'the amounts of this record are too large to bill' }
        continue
      }
      if (seen.has(record.requestId)) {
        results[index] = { request_id: record.requestId, outcome: 'duplicate', reason: 'the request id appears earlier in this batch' }
        continue
      }
      seen.add(record.requestId)
      candidates.push({ index, row: { usageId: '', record, resolved, units, priced, transactionId: null } })
    }

    // partitions first: creating one locks the parent table, so do it before holding any claim
    await ensureUsagePartitions(trx, monthsOf(candidates.map((c) => c.row.record.startedAt)))
    const usageIds = await allocateUsageIds(trx, candidates.length)
    candidates.forEach((c, i) => (c.row.usageId = usageIds[i]))
    const claimed = await claimRequestIds(trx, candidates.map((c) => c.row))
    const billed = candidates.filter((c) => claimed.has(c.row.record.requestId))
    await reportDuplicates(trx, candidates.filter((c) => !claimed.has(c.row.record.requestId)), results)

    // one posting per customer, all in one postMany (accounts and lots locked in id order)
    const byCustomer = new Map<number, BillableRow[]>()
    for (const { row } of billed) (byCustomer.get(row.resolved.customerId) ?? byCustomer.set(row.resolved.customerId, []).get(row.resolved.customerId)!).push(row)
    const amounts = new Map([...byCustomer].map(([customerId, rows]) => [customerId, rows.reduce((sum, r) => sum + r.priced.charged, 0n)]))
    const paying = [...amounts].filter(([, amount]) => amount > 0n).map(([customerId]) => customerId).sort((a, b) => a - b)
    const accounts = await accountsOf(trx, paying)
    // one revenue shard per batch (a random one, so concurrent batches rarely share it)
    const revenue = paying.length ? await systemAccount(trx, 'usage_revenue') : 0
    const charges = paying.map((customerId) => ({
      customerId,
      amount: amounts.get(customerId)!,
      sortedRequestIds: byCustomer.get(customerId)!.map((r) => r.record.requestId).sort(),
      accounts: accounts.get(customerId)!,
    }))
    const at = await historyLedgerTime(trx, facts, billed.map((c) => c.row), paying, now)
    const postings = await postUsageCharges(trx, charges, actor, revenue, at)
    postings.forEach((posting, i) => byCustomer.get(paying[i])!.forEach((row) => (row.transactionId = posting.transactionId)))
    await audit.recordMany(
      trx,
      postings.map((posting, i) => ({
        action: 'usage_charge',
        resource: 'ledger-transactions',
        recordId: posting.transactionId,
        metadata: { customerId: paying[i], amount: fromUnits(posting.amount), records: byCustomer.get(paying[i])!.length, fromGift: fromUnits(posting.fromGift), fromCash: fromUnits(posting.fromCash), toArrears: fromUnits(posting.toArrears) },
      })),
      actor,
      facts
    )
    await insertUsageRows(trx, billed.map((c) => c.row))
    await recordKeyUse(trx, billed.map((c) => c.row))
    await addToRollups(trx, billed.map((c) => c.row))
    // the TPM windows count the batch's tokens once it has committed (services/rate_limit)
    trx.after('commit', () => countTokens(tokensOf(billed.map((c) => c.row))))

    for (const { index, row } of billed) {
      results[index] = { request_id: row.record.requestId, outcome: 'billed', usage_id: Number(row.usageId), charged: fromUnits(row.priced.charged) }
      if (row.resolved.channelId !== null && !row.resolved.costs) {
        results[index].note = `channel ${row.resolved.channelId} has no cost price for model "${row.resolved.model.code}": cost recorded as 0`
      }
    }
    const count = (outcome: UsageOutcome) => results.filter((r) => r.outcome === outcome).length
    return { results, billed: count('billed'), duplicates: count('duplicate'), rejected: count('rejected') }
  },
}
export default ingestUsage

/** Records whose id was claimed before: `duplicate`, with the usage row that billed it. */
async function reportDuplicates(trx: Parameters<typeof claimRequestIds>[0], rows: Array<{ index: number; row: BillableRow }>, results: IngestResult[]) {
  if (!rows.length) return
  const { rows: found } = await trx.rawQuery('SELECT request_id, usage_id FROM usage_request_ids WHERE request_id = ANY(?::text[])', [rows.map((r) => r.row.record.requestId)])
  const original = new Map<string, number>(found.map((f: { request_id: string; usage_id: string }) => [f.request_id, Number(f.usage_id)]))
  for (const { index, row } of rows) {
    results[index] = { request_id: row.record.requestId, outcome: 'duplicate', reason: 'the request id was billed by an earlier batch', usage_id: original.get(row.record.requestId) }
  }
}
