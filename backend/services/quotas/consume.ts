/**
 * Checking and counting a quota (POST /api/internal/quota/consume, GET …/check).
 *
 * Consume, in the caller's transaction:
 * 1. claims the request id (`INSERT … ON CONFLICT DO NOTHING` on quota_consumptions): a replay —
 *    even one racing the first — waits for it and gets the answer it stored, counted once; the same
 *    id with another amount is a 409;
 * 2. reads the customer's quotas of the feature (state.ts) and locks their counters of the current
 *    period in a fixed order (created on first use), so concurrent consumes queue on the row and
 *    a burst never passes the limit;
 * 3. counts the amount in every quota of the feature only when all have room (a daily and a
 *    monthly quota both bind), raises the 80/95/100 % alerts, and stores the answer.
 * Refusals (NO_QUOTA, QUOTA_EXCEEDED) are stored too, so a replay is refused alike.
 */
import type { TransactionClientContract, QueryClientContract } from '@adonisjs/lucid/types/database'
import type { QuotaRefusal, QuotaStateWire } from '#contract/quotas'
import { Conflict } from '#exceptions/domain_errors'
import { presentQuota, quotaStates, tightest, type QuotaState } from './state.js'
import { raiseQuotaAlerts } from './alerts.js'

export type QuotaRequest = { customerId: number; feature: string; amount: bigint }
export type QuotaAnswer =
  | ({ ok: true } & QuotaStateWire)
  | ({ ok: false; code: QuotaRefusal; message: string; feature: string } & Partial<QuotaStateWire>)

const MESSAGES: Record<QuotaRefusal, string> = {
  QUOTA_EXCEEDED: 'Quota used up for this period',
  NO_QUOTA: 'No active plan gives this feature',
}

function refusal(code: QuotaRefusal, feature: string, state?: QuotaState): QuotaAnswer {
  return { ok: false, code, message: MESSAGES[code], feature, ...(state ? presentQuota(state) : {}) }
}

/** Whether `amount` fits now, without counting. */
export async function checkQuota(client: QueryClientContract, req: QuotaRequest, at = new Date()): Promise<QuotaAnswer> {
  const states = await quotaStates(client, req.customerId, at, req.feature)
  if (!states.length) return refusal('NO_QUOTA', req.feature)
  const short = states.find((s) => s.limit !== null && s.used + req.amount > s.limit)
  if (short) return refusal('QUOTA_EXCEEDED', req.feature, short)
  return { ok: true, ...presentQuota(tightest(states)) }
}

/** Checks and counts `amount` once per request id; `replayed` when the id had been answered. */
export async function consumeQuota(
  trx: TransactionClientContract,
  req: QuotaRequest & { requestId: string },
  at = new Date()
): Promise<{ answer: QuotaAnswer; replayed: boolean }> {
  const claim = await trx.rawQuery(
    `INSERT INTO quota_consumptions (customer_id, feature, request_id, amount, ok, answer, created_at)
     VALUES (?, ?, ?, ?, false, '{}'::jsonb, ?) ON CONFLICT DO NOTHING RETURNING id`,
    [req.customerId, req.feature, req.requestId, req.amount.toString(), at]
  )
  if (!claim.rows.length) {
    const earlier = await trx.from('quota_consumptions').where({ customer_id: req.customerId, feature: req.feature, request_id: req.requestId }).first()
    if (BigInt(earlier.amount) !== req.amount) throw new Conflict('This request_id was already used with another amount')
    return { answer: earlier.answer as QuotaAnswer, replayed: true }
  }
  const answer = await count(trx, req, at)
  await trx
    .from('quota_consumptions')
    .where('id', claim.rows[0].id)
    .update({
      ok: answer.ok,
      code: answer.ok ? null : answer.code,
      period_start: answer.period_start ?? null,
      answer: JSON.stringify(answer),
    })
  return { answer, replayed: false }
}

async function count(trx: TransactionClientContract, req: QuotaRequest, at: Date): Promise<QuotaAnswer> {
  const states = await quotaStates(trx, req.customerId, at, req.feature)
  if (!states.length) return refusal('NO_QUOTA', req.feature)
  // lock every counter of the feature's current periods (shortest period first, always the same order)
  for (const state of states) state.used = await lockCounter(trx, req.customerId, state)
  const short = states.find((s) => s.limit !== null && s.used + req.amount > s.limit)
  if (short) return refusal('QUOTA_EXCEEDED', req.feature, short)
  for (const state of states) {
    const { rows } = await trx.rawQuery(
      `UPDATE quota_counters SET used = used + ?, updated_at = now()
        WHERE customer_id = ? AND feature = ? AND period = ? AND period_start = ? RETURNING used`,
      [req.amount.toString(), req.customerId, state.feature, state.period, new Date(state.periodStart)]
    )
    state.used = BigInt(rows[0].used)
    await raiseQuotaAlerts(trx, req.customerId, state)
  }
  return { ok: true, ...presentQuota(tightest(states)) }
}

async function lockCounter(trx: TransactionClientContract, customerId: number, state: QuotaState): Promise<bigint> {
  const key = [customerId, state.feature, state.period, new Date(state.periodStart)]
  await trx.rawQuery(
    `INSERT INTO quota_counters (customer_id, feature, period, period_start) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    key
  )
  const { rows } = await trx.rawQuery(
    `SELECT used FROM quota_counters WHERE customer_id = ? AND feature = ? AND period = ? AND period_start = ? FOR UPDATE`,
    key
  )
  return BigInt(rows[0].used)
}
