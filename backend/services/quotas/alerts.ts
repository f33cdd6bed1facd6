/**
 * Quota alerts at 80, 95 and 100 % of a limited quota, once per period per threshold: the
 * `quota_alerts` row is the "once" (unique per customer, feature, period, period start and
 * threshold), and the notification carries a matching dedupe key. Written in the consume's
 * transaction, so an alert exists exactly when the use that crossed the threshold committed.
 * Every threshold reached gets its own alert (a jump from 70 % to 100 % sends three). A staff
 * reset within the period does not re-arm the thresholds already sent.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { QUOTA_FEATURES, QUOTA_PERIODS, QUOTA_THRESHOLDS } from '#contract/quotas'
import type { NotificationSeverity } from '#contract/notifications'
import { notify } from '#services/notifications/notify'
import type { QuotaState } from './state.js'

const SEVERITY: Record<number, NotificationSeverity> = { 80: 'warning', 95: 'critical', 100: 'critical' }

export function featureLabel(feature: string) {
  return QUOTA_FEATURES.find((f) => f.value === feature)?.label ?? { 'en': feature, 'zh-CN': feature }
}

function periodLabel(period: string) {
  return QUOTA_PERIODS.find((p) => p.value === period)!.label
}

/** Thresholds a use of `used` out of `limit` has reached (integer arithmetic). */
export function reachedThresholds(used: bigint, limit: bigint): number[] {
  if (limit <= 0n) return []
  return QUOTA_THRESHOLDS.filter((t) => used * 100n >= BigInt(t) * limit)
}

/** Records and sends the alerts the counter's new value reached for the first time this period. */
export async function raiseQuotaAlerts(trx: TransactionClientContract, customerId: number, state: QuotaState): Promise<number[]> {
  if (state.limit === null) return []
  const sent: number[] = []
  const periodStart = new Date(state.periodStart)
  for (const threshold of reachedThresholds(state.used, state.limit)) {
    const { rows } = await trx.rawQuery(
      `INSERT INTO quota_alerts (customer_id, feature, period, period_start, threshold, used, quota_limit)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
      [customerId, state.feature, state.period, periodStart, threshold, state.used.toString(), state.limit.toString()]
    )
    if (!rows.length) continue
    const feature = featureLabel(state.feature)
    const period = periodLabel(state.period)
    const usedUp = threshold === 100
    const notificationId = await notify(trx, {
      customerId,
      kind: 'quota_threshold',
      severity: SEVERITY[threshold],
      title: {
        'en': usedUp ? `${feature.en}: quota used up` : `${feature.en}: ${threshold}% of your quota used`,
        'zh-CN': usedUp ? `${feature['zh-CN']}：配额已用完` : `${feature['zh-CN']}：配额已使用 ${threshold}%`,
      },
      body: {
        'en': `${state.used} of ${state.limit} used (${period.en.toLowerCase()} quota).`,
        'zh-CN': `已使用 ${state.used} / ${state.limit}（${period['zh-CN']}配额）。`,
      },
      data: {
        feature: state.feature,
        period: state.period,
        period_start: periodStart.toISOString(),
        resets_at: state.resetsAt ? new Date(state.resetsAt).toISOString() : null,
        threshold,
        used: Number(state.used),
        limit: Number(state.limit),
      },
      dedupeKey: `quota:${state.feature}:${state.period}:${periodStart.toISOString()}:${threshold}`,
    })
    await trx.from('quota_alerts').where('id', rows[0].id).update({ notification_id: notificationId })
    sent.push(threshold)
  }
  return sent
}
