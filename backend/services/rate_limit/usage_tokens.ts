/**
 * Tokens that usage ingestion billed, into the TPM windows of their keys and customers, once the
 * batch's transaction has committed (a batch that rolls back counts nothing). Input, output,
 * cache-read and cache-write tokens all count. One call per batch: one Redis round trip.
 *
 * Only recent requests count: a record that ended (started_at + latency) more than REPORT_LAG_MS
 * before the batch arrived is history (a late upload, a backfill, the demo seed's 60 days), not the
 * current rate, and adds nothing to the windows. The allowance covers gateways that report usage in
 * batches up to a minute late.
 */
import logger from '@adonisjs/core/services/logger'
import { rateWindows } from './main.js'
import { subjects } from './verify_limits.js'
import type { WindowAmount } from './windows.js'

export type TokenUse = { customerId: number; apiKeyId: number | null; tokens: bigint; endedAt: number }

/** How late a request's usage may be reported and still count in the one-minute windows. */
export const REPORT_LAG_MS = 120_000

export async function countTokens(uses: TokenUse[], now = Date.now()) {
  const totals = new Map<string, bigint>()
  const add = (subject: string, tokens: bigint) => totals.set(subject, (totals.get(subject) ?? 0n) + tokens)
  for (const use of uses) {
    if (use.tokens <= 0n || use.endedAt < now - REPORT_LAG_MS) continue
    add(subjects.customerTokens(use.customerId), use.tokens)
    if (use.apiKeyId !== null) add(subjects.keyTokens(use.apiKeyId), use.tokens)
  }
  if (!totals.size) return
  const amounts: WindowAmount[] = [...totals].map(([subject, tokens]) => ({ subject, amount: Number(tokens) }))
  try {
    await rateWindows().add(amounts, now)
  } catch (error) {
    logger.warn({ err: error }, 'could not count billed tokens in the rate-limit windows')
  }
}

/** The billed rows of an ingested batch as token uses. */
export function tokensOf(rows: Array<{ record: { apiKeyId: number | null; startedAt: Date; latencyMs: number | null; inputTokens: bigint; outputTokens: bigint; cacheReadTokens: bigint; cacheWriteTokens: bigint }; resolved: { customerId: number } }>): TokenUse[] {
  return rows.map(({ record, resolved }) => ({
    customerId: resolved.customerId,
    apiKeyId: record.apiKeyId,
    tokens: record.inputTokens + record.outputTokens + record.cacheReadTokens + record.cacheWriteTokens,
    endedAt: record.startedAt.getTime() + (record.latencyMs ?? 0),
  }))
}
