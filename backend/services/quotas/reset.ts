/**
 * Resetting quota counters of the current period to 0 (a staff reset of one customer's quota, or
 * a plan edit with the `reset` policy). Each counter reset is audited (`quota_reset`, before →
 * after) and its customer told in-app, in the caller's transaction. Alerts already sent this
 * period stay sent (once per period per threshold).
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type Actor, type RequestFacts } from '#services/audit'
import { notify } from '#services/notifications/notify'
import { featureLabel } from './alerts.js'

export type CounterScope = { customerIds: number[]; features?: string[]; period?: string }
export type ResetCounter = { customer_id: number; feature: string; period: string; period_start: Date; used: string }

export async function resetCounters(
  trx: TransactionClientContract,
  scope: CounterScope,
  who: { actor: Actor; facts: RequestFacts; reason: string | null; cause: Record<string, unknown> }
): Promise<ResetCounter[]> {
  if (!scope.customerIds.length) return []
  const query = trx
    .from('quota_counters as qc')
    .join('customers as c', 'c.id', 'qc.customer_id')
    .whereIn('qc.customer_id', scope.customerIds)
    .whereRaw('qc.period_start = quota_period_start(qc.period, c.time_zone, now())')
    .where('qc.used', '>', 0)
    .select('qc.id', 'qc.customer_id', 'qc.feature', 'qc.period', 'qc.period_start', 'qc.used')
    .orderBy('qc.id')
    .forUpdate('qc')
  if (scope.features) query.whereIn('qc.feature', scope.features)
  if (scope.period) query.where('qc.period', scope.period)
  const rows: Array<ResetCounter & { id: string }> = await query
  if (!rows.length) return []
  await trx.from('quota_counters').whereIn('id', rows.map((r) => r.id)).update({ used: 0, updated_at: new Date() })
  await audit.recordMany(
    trx,
    rows.map((r) => ({
      action: 'quota_reset',
      resource: 'customer-quotas',
      recordId: `${r.customer_id}:${r.feature}:${r.period}`,
      before: { used: Number(r.used) },
      after: { used: 0 },
      reason: who.reason,
      metadata: { customer_id: Number(r.customer_id), feature: r.feature, period: r.period, period_start: new Date(r.period_start).toISOString(), ...who.cause },
    })),
    who.actor,
    who.facts
  )
  for (const r of rows) {
    const feature = featureLabel(r.feature)
    await notify(trx, {
      customerId: Number(r.customer_id),
      kind: 'quota_reset',
      title: { 'en': `${feature.en}: quota reset`, 'zh-CN': `${feature['zh-CN']}：配额已重置` },
      body: { 'en': 'Your usage of this period starts again from 0.', 'zh-CN': '本周期用量已从 0 重新计算。' },
      data: { feature: r.feature, period: r.period, used_before: Number(r.used) },
    })
  }
  return rows
}
