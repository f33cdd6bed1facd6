/**
 * The customer's usage by day and by model over a range (the portal's usage charts).
 *
 * Days are calendar days in the zone the caller names (`tz`, an IANA zone, default UTC): the
 * range is `from` 00:00 to the end of `to` in that zone, and each row is counted on its day
 * there. The default range is the current month in that zone. Every day of the range is
 * listed, empty ones with zeros, so a chart draws the whole month. Only the caller's rows.
 */
import db from '@adonisjs/lucid/services/db'
import { DateTime, IANAZone } from 'luxon'
import creditdesk from '#config/creditdesk'
import { InvalidInput } from '#exceptions/domain_errors'
import { fromUnits } from '#services/ledger/amounts'

/** The longest range one summary covers. */
export const MAX_SUMMARY_DAYS = 366

const TOKENS = 'input_tokens + output_tokens + cache_read_tokens + cache_write_tokens'

/** `api_key_id`: one of the caller's keys, already checked (usage_list.ts `ownKeyId`). */
export type SummaryInput = { from?: unknown; to?: unknown; tz?: unknown; api_key_id?: string }

/** Reads and checks `from`, `to` (YYYY-MM-DD) and `tz`; a field error names what is wrong. */
export function summaryRange(input: SummaryInput) {
  const tz = input.tz === undefined ? 'UTC' : input.tz
  if (typeof tz !== 'string' || tz.length > 64 || !IANAZone.isValidZone(tz)) {
    throw new InvalidInput([{ field: 'tz', message: 'Time zone must be an IANA zone such as Asia/Shanghai', rule: 'timezone' }])
  }
  const day = (field: 'from' | 'to', value: unknown, fallback: DateTime) => {
    if (value === undefined) return fallback
    const parsed = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone: tz }) : null
    if (!parsed?.isValid) throw new InvalidInput([{ field, message: `${field === 'from' ? 'From' : 'To'} must be a date like 2026-11-01`, rule: 'date' }])
    return parsed
  }
  const now = DateTime.now().setZone(tz)
  const from = day('from', input.from, now.startOf('month')).startOf('day')
  const to = day('to', input.to, now.endOf('month')).startOf('day')
  if (to < from) throw new InvalidInput([{ field: 'to', message: 'To must not be before From', rule: 'after' }])
  const days = Math.round(to.diff(from, 'days').days) + 1
  if (days > MAX_SUMMARY_DAYS) {
    throw new InvalidInput([{ field: 'to', message: `A summary covers at most ${MAX_SUMMARY_DAYS} days`, rule: 'range' }])
  }
  return { tz, from, to, days }
}

export async function usageSummary(customerId: number, input: SummaryInput) {
  const { tz, from, to, days } = summaryRange(input)
  const base = () => {
    const query = db
      .from('usage_records')
      .where('customer_id', customerId)
      .where('started_at', '>=', from.toJSDate())
      .where('started_at', '<', to.plus({ days: 1 }).toJSDate())
    if (input.api_key_id !== undefined) query.where('api_key_id', input.api_key_id)
    return query
  }
  const sums = `count(*) AS requests, coalesce(sum(${TOKENS}), 0) AS tokens, coalesce(sum(charged), 0) AS charged`
  const [byDay, byModel] = await Promise.all([
    base()
      .select(db.raw(`to_char(started_at AT TIME ZONE ?, 'YYYY-MM-DD') AS day, ${sums}`, [tz]))
      .groupByRaw('1'),
    base()
      .select('model_id', db.raw(sums))
      .groupBy('model_id'),
  ])
  const models = byModel.length ? await db.from('usage_models').whereIn('id', byModel.map((m) => m.model_id)).select('id', 'code', 'name') : []
  const modelOf = new Map(models.map((m) => [String(m.id), m]))
  const dayOf = new Map(byDay.map((d) => [d.day as string, d]))

  const figures = (row: Record<string, any> | undefined) => ({
    requests: Number(row?.requests ?? 0),
    tokens: Number(row?.tokens ?? 0),
    charged: fromUnits(row?.charged ?? 0),
  })
  let requests = 0
  let tokens = 0n
  let charged = 0n
  for (const row of byDay) {
    requests += Number(row.requests)
    tokens += BigInt(row.tokens)
    charged += BigInt(row.charged)
  }
  return {
    currency: creditdesk.asset,
    tz,
    from: from.toISODate(),
    to: to.toISODate(),
    days: Array.from({ length: days }, (_, i) => {
      const date = from.plus({ days: i }).toISODate()!
      return { date, ...figures(dayOf.get(date)) }
    }),
    // the biggest spend first
    models: byModel
      .sort((a, b) => (BigInt(b.charged) > BigInt(a.charged) ? 1 : BigInt(b.charged) < BigInt(a.charged) ? -1 : 0))
      .map((m) => ({ model: modelOf.get(String(m.model_id))?.code ?? null, name: modelOf.get(String(m.model_id))?.name ?? null, ...figures(m) })),
    totals: { requests, tokens: Number(tokens), charged: fromUnits(charged) },
  }
}
