/**
 * Usage ingestion input (POST /api/internal/usage). Two levels, because a batch is not one
 * request: a wrong envelope (not an object with a `records` array of 1..1000) refuses the whole
 * batch with a 422 and writes nothing; a wrong record is only that record `rejected`, with a
 * reason, and the rest of the batch lands. Records are checked by hand rather than with VineJS:
 * token counts beyond 2^53 arrive as digit strings and must stay exact (bigint), and a rejection
 * is a reason in the reply, not an exception.
 */
import { InvalidInput } from '#exceptions/domain_errors'
import { USAGE_STATUSES, type UsageStatus } from '#contract/usage'

export const MAX_RECORDS = 1000
/** A record may start at most this far ahead of the server's clock (gateway clock skew). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000
const OLDEST = Date.UTC(2000, 0, 1)
const BIGINT_MAX = 9223372036854775807n
const INT_MAX = 2147483647

const FIELDS = new Set([
  'request_id', 'api_key_id', 'customer_id', 'model', 'channel', 'started_at', 'latency_ms', 'status',
  'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'units', 'upstream_request_id', 'job_id',
])
const STATUSES = new Set<string>(USAGE_STATUSES.map((s) => s.value))
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

export type UsageRecordInput = {
  requestId: string
  apiKeyId: number | null
  customerId: number | null
  model: string
  /** A JSON number names a channel by id, a string by its name; absent = no channel (cost 0). */
  channel: { id: number } | { name: string } | null
  startedAt: Date
  latencyMs: number | null
  status: UsageStatus
  inputTokens: bigint
  outputTokens: bigint
  cacheReadTokens: bigint
  cacheWriteTokens: bigint
  /** Billing units in 10⁻⁶ (numeric(20,6)); null when not sent. */
  units: bigint | null
  upstreamRequestId: string | null
  jobId: string | null
}

export type ParsedRecord = { ok: true; record: UsageRecordInput } | { ok: false; requestId: string | null; reason: string }

/** The envelope: `{ records: [1..1000 items] }`, nothing else. Throws a 422 otherwise. */
export function usageEnvelope(body: unknown): unknown[] {
  const refuse = (field: string, message: string, rule: string) => new InvalidInput([{ field, message, rule }])
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw refuse('_body', 'The request body must be a JSON object with a "records" array', 'object')
  const extra = Object.keys(body).filter((key) => key !== 'records')
  if (extra.length) throw new InvalidInput(extra.map((field) => ({ field, message: `Unknown field "${field}"`, rule: 'unknown' })))
  const records = (body as { records?: unknown }).records
  if (!Array.isArray(records)) throw refuse('records', 'Records must be an array of usage records', 'array')
  if (records.length < 1 || records.length > MAX_RECORDS) throw refuse('records', `Records must hold 1 to ${MAX_RECORDS} usage records`, 'length')
  return records
}

class Rejected extends Error {}
const reject = (message: string): never => {
  throw new Rejected(message)
}

function text(value: unknown, field: string, max: number, required: boolean): string | null {
  if (value === undefined || value === null) return required ? reject(`${field} is required`) : null
  if (typeof value !== 'string' || value.length < 1 || value.length > max) return reject(`${field} must be a string of 1 to ${max} characters`)
  return value
}

function id(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) return reject(`${field} must be a positive integer id`)
  return n
}

/** A count: a non-negative integer, as a JSON number up to 2^53 − 1 or a digit string (exact beyond). */
function count(value: unknown, field: string): bigint {
  if (value === undefined || value === null) return 0n
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX) return BigInt(value)
  return reject(`${field} must be a non-negative integer (a JSON number below 2^53, or a digit string for larger counts)`)
}

function units(value: unknown): bigint | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value < 1e14) return BigInt(value) * 1_000_000n
  const match = typeof value === 'string' ? /^(\d{1,14})(?:\.(\d{1,6}))?$/.exec(value) : null
  if (!match) return reject('units must be a non-negative decimal string with at most 14 digits before and 6 after the point, like "12.5"')
  return BigInt(match[1] + (match[2] ?? '').padEnd(6, '0'))
}

function startedAt(value: unknown, now: Date): Date {
  if (typeof value !== 'string' || !ISO.test(value)) return reject('started_at must be an ISO 8601 time with a time zone, like "2026-11-27T10:00:00Z"')
  const at = new Date(value)
  if (Number.isNaN(at.getTime()) || at.getTime() < OLDEST) return reject('started_at is not a valid time (2000 or later)')
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return reject('started_at is more than 5 minutes in the future')
  return at
}

function channel(value: unknown): UsageRecordInput['channel'] {
  if (value === undefined || value === null) return null
  if (typeof value === 'number') return { id: id(value, 'channel')! }
  return { name: text(value, 'channel', 100, true)! }
}

/** One record: parsed, or rejected with the reason (and its request id when it has a usable one). */
export function parseUsageRecord(raw: unknown, now: Date): ParsedRecord {
  const given = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null
  const rid = given && typeof given.request_id === 'string' && given.request_id.length >= 1 && given.request_id.length <= 200 ? given.request_id : null
  try {
    if (!given) return reject('a usage record must be a JSON object')
    const unknown = Object.keys(given).filter((key) => !FIELDS.has(key))
    if (unknown.length) reject(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`)
    const record: UsageRecordInput = {
      requestId: text(given.request_id, 'request_id', 200, true)!,
      apiKeyId: id(given.api_key_id, 'api_key_id'),
      customerId: id(given.customer_id, 'customer_id'),
      model: text(given.model, 'model', 100, true)!,
      channel: channel(given.channel),
      startedAt: startedAt(given.started_at, now),
      latencyMs: given.latency_ms === undefined || given.latency_ms === null ? null : latency(given.latency_ms),
      status: STATUSES.has(given.status as string) ? (given.status as UsageStatus) : reject(`status must be one of ${[...STATUSES].join(', ')}`),
      inputTokens: count(given.input_tokens, 'input_tokens'),
      outputTokens: count(given.output_tokens, 'output_tokens'),
      cacheReadTokens: count(given.cache_read_tokens, 'cache_read_tokens'),
      cacheWriteTokens: count(given.cache_write_tokens, 'cache_write_tokens'),
      units: units(given.units),
      upstreamRequestId: text(given.upstream_request_id, 'upstream_request_id', 200, false),
      jobId: text(given.job_id, 'job_id', 200, false),
    }
    if (record.apiKeyId === null && record.customerId === null) reject('api_key_id or customer_id is required')
    return { ok: true, record }
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, requestId: rid, reason: error.message }
    throw error
  }
}

function latency(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > INT_MAX) return reject(`latency_ms must be an integer from 0 to ${INT_MAX}`)
  return value
}
