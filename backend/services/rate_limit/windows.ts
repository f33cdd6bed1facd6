/**
 * Sliding one-minute windows for the RPM/TPM limits verify enforces (issue 11 §1).
 *
 * A window is the last 60 one-second buckets of a subject (a key's requests, a customer's
 * tokens…): what was counted in second `b` stops counting at the start of second `b + 60`, so
 * the window slides by whole seconds and forgets nothing early by more than one second.
 *
 * Two operations, both atomic per call, with one implementation in this process
 * (memory_windows.ts, one instance) and one in Redis (redis_windows.ts, several instances):
 *
 * - `admit(checks)`: every check passes when its subject's count + 1 ≤ its limit (a request
 *   fits under RPM; tokens used so far are still below TPM); then each check's `add` is counted.
 *   When one fails nothing is counted, and the answer names the failing check that frees last
 *   and when it frees (`retryAfterMs`: until enough old buckets have left the window).
 * - `add(amounts)`: counts without checking (tokens reported by usage ingestion).
 */
export const WINDOW_MS = 60_000
export const BUCKET_MS = 1_000
export const BUCKETS = WINDOW_MS / BUCKET_MS

export type WindowCheck = { subject: string; limit: number; add: number }
export type Admission = { ok: true } | { ok: false; index: number; retryAfterMs: number }
export type WindowAmount = { subject: string; amount: number }

export interface SlidingWindows {
  admit(checks: WindowCheck[], now: number): Promise<Admission>
  add(amounts: WindowAmount[], now: number): Promise<void>
  /** What a subject counts now (tests and diagnostics). */
  count(subject: string, now: number): Promise<number>
}

export const bucketOf = (now: number) => Math.floor(now / BUCKET_MS)

/**
 * When a count over `limit` fits again: walks the live buckets from the oldest, dropping each
 * as time will, until count − dropped + 1 ≤ limit; answers the ms until that bucket leaves.
 * `buckets` are [second, amount] pairs in ascending order of second.
 */
export function retryAfter(buckets: Array<[number, number]>, total: number, limit: number, now: number): number {
  let remaining = total
  for (const [second, amount] of buckets) {
    remaining -= amount
    if (remaining + 1 <= limit) return Math.max(1, (second + BUCKETS) * BUCKET_MS - now)
  }
  return WINDOW_MS
}

/** Of the failed checks, the one that frees last (ties: the first); the caller waits for all of them. */
export function slowest(failures: Array<{ index: number; retryAfterMs: number }>): Admission {
  if (!failures.length) return { ok: true }
  let worst = failures[0]
  for (const failure of failures) if (failure.retryAfterMs > worst.retryAfterMs) worst = failure
  return { ok: false, index: worst.index, retryAfterMs: worst.retryAfterMs }
}
