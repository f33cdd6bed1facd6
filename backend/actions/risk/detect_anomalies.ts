/**
 * The anomaly check (issue 11 §3; job `usage-anomalies`, every 5 minutes): raises risk alerts for
 * staff — nothing is sent to the customer — each with one audit row by the acting system.
 *
 * Spikes (rules `spend_spike` on charged spend, `request_spike` on the request count), for every
 * customer and every API key, from the hourly usage rollups:
 * - the window is the last `window_minutes` ending with the hour in progress (so a burst is seen
 *   within minutes, not after the hour closes); the baseline is the `baseline_hours` before it,
 *   as an average per window: total × window ÷ baseline length;
 * - a subject with history spikes when observed ≥ factor × that average AND observed ≥ the
 *   rule's minimum; a subject with no usage at all in the baseline (average 0) spikes only when
 *   observed ≥ factor × minimum — a new customer's first large day needs more than an old one's;
 * - the comparison is exact in integers (services/risk/spike_rule.ts); observed must be > 0.
 * - while a subject has an unresolved alert of the same kind, no new one is raised for it (a
 *   sustained spike is one story, not one alert per hour); resolving it re-arms the check.
 *
 * Monthly cap (rule `monthly_cap_exceeded`): a key whose spend this UTC month is above its
 * monthly cap (verify stops new calls at the cap; requests already in flight can still pass it)
 * raises one alert per key per month (its window is the month).
 *
 * Idempotent: one alert per kind, subject and window start (a unique constraint; a rerun or a
 * second instance inserts nothing), in the caller's transaction.
 */
import type { UseCase } from '#services/use_case'
import audit, { type AuditEntry } from '#services/audit'
import type { RiskAlertKind, RiskAlertSubject } from '#contract/risk'
import { formatUnits } from '#contract/money'
import { sqlBindings } from '#services/sql_bindings'
import { judgeSpike } from '#services/risk/spike_rule'
import { METRIC_OF, capOverruns, hasUnresolved, loadRules, subjectFigures, topModel, windowsAt } from '#services/risk/detection'
import type { RiskAlertRow } from '#services/risk/rows'

type NewAlert = {
  kind: RiskAlertKind
  subject_type: RiskAlertSubject
  customer_id: number
  api_key_id: number | null
  window_start: Date
  window_end: Date
  window_minutes: number | null
  baseline_hours: number | null
  observed: string
  baseline: string
  threshold: string
  factor: string | null
  top_model_id: number | null
}

export type DetectOutcome = { raised: Array<{ id: number; kind: RiskAlertKind; subject_type: RiskAlertSubject; subject_id: number }> }

const SUBJECTS: RiskAlertSubject[] = ['customer', 'api_key']

const detectAnomalies: UseCase<{ now?: Date }, DetectOutcome> = {
  async handle({ now = new Date() }, { trx, actor, facts }) {
    const rules = await loadRules(trx)
    const candidates: NewAlert[] = []

    for (const kind of ['spend_spike', 'request_spike'] as const) {
      const rule = rules.get(kind)
      if (!rule?.enabled) continue
      const metric = METRIC_OF[kind]
      const minimum = BigInt((kind === 'spend_spike' ? rule.minimum_spend : rule.minimum_requests) ?? 0)
      const settings = { windowMinutes: rule.window_minutes!, baselineHours: rule.baseline_hours!, factor: rule.factor!, minimum }
      const w = windowsAt(now, settings.windowMinutes, settings.baselineHours)
      for (const subject of SUBJECTS) {
        for (const figures of await subjectFigures(trx, subject, metric, w, minimum)) {
          const verdict = judgeSpike(figures.observed, figures.total, settings)
          if (!verdict.spike || (await hasUnresolved(trx, kind, subject, figures.subjectId))) continue
          candidates.push({
            kind,
            subject_type: subject,
            customer_id: figures.customerId,
            api_key_id: subject === 'api_key' ? figures.subjectId : null,
            window_start: w.start,
            window_end: w.end,
            window_minutes: settings.windowMinutes,
            baseline_hours: settings.baselineHours,
            observed: figures.observed.toString(),
            baseline: verdict.baseline,
            threshold: verdict.threshold,
            factor: rule.factor,
            top_model_id: await topModel(trx, subject, figures.subjectId, metric, w.start, w.end),
          })
        }
      }
    }

    if (rules.get('monthly_cap_exceeded')?.enabled) {
      for (const over of await capOverruns(trx, now)) {
        const cap = formatUnits(over.cap * 1_000_000n, 6) // ledger units, at the column's 6 decimals
        candidates.push({
          kind: 'monthly_cap_exceeded',
          subject_type: 'api_key',
          customer_id: over.customerId,
          api_key_id: over.keyId,
          window_start: over.monthStart,
          window_end: over.monthEnd,
          window_minutes: null,
          baseline_hours: null,
          observed: over.spend.toString(),
          baseline: cap,
          threshold: cap,
          factor: null,
          top_model_id: await topModel(trx, 'api_key', over.keyId, 'charged', over.monthStart, over.monthEnd),
        })
      }
    }

    const raised: RiskAlertRow[] = []
    for (const alert of candidates) {
      const { rows } = await trx.rawQuery(
        `INSERT INTO risk_alerts (kind, subject_type, customer_id, api_key_id, window_start, window_end, window_minutes, baseline_hours,
                                  observed, baseline, threshold, factor, top_model_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT ON CONSTRAINT risk_alerts_once DO NOTHING
         RETURNING *`,
        sqlBindings([
          alert.kind, alert.subject_type, alert.customer_id, alert.api_key_id, alert.window_start, alert.window_end, alert.window_minutes,
          alert.baseline_hours, alert.observed, alert.baseline, alert.threshold, alert.factor, alert.top_model_id,
        ])
      )
      if (rows.length) raised.push(rows[0])
    }

    const entries: AuditEntry[] = raised.map((row) => ({
      action: 'raise',
      resource: 'risk-alerts',
      recordId: row.id,
      before: null,
      after: {
        kind: row.kind,
        subject_type: row.subject_type,
        customer_id: Number(row.customer_id),
        api_key_id: row.api_key_id === null ? null : Number(row.api_key_id),
        window_start: row.window_start.toISOString(),
        window_end: row.window_end.toISOString(),
        observed: row.observed,
        baseline: row.baseline,
        threshold: row.threshold,
        factor: row.factor,
      },
    }))
    await audit.recordMany(trx, entries, actor, facts)
    return { raised: raised.map((r) => ({ id: Number(r.id), kind: r.kind, subject_type: r.subject_type, subject_id: Number(r.subject_id) })) }
  },
}
export default detectAnomalies
