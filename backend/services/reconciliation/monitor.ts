/**
 * The monitor (job `reconciliation-monitor`, every MONITOR_INTERVAL_MINUTES) and the weekly
 * summary (job `reconciliation-weekly-summary`, Mondays 09:00 UTC) — the seeds'
 * monitor-payments.sh, as pg-boss schedules (one run per tick across instances).
 *
 * A monitor run diagnoses; when MONITOR_AUTO_REPAIR is on it repairs the kinds marked safe;
 * what is still open is compared with `monitor_alerts` by fingerprint: only problems not already
 * alerted are posted to ALERT_WEBHOOK_URL (Slack-compatible `{ text, blocks }`). A problem that
 * disappears is marked resolved, so if it comes back it is alerted again. A failed post leaves
 * the fingerprints un-alerted, so the next tick tries again.
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { SYSTEM_ACTOR, type Actor } from '#services/audit'
import { diagnoseAndRepair, runReconciliation } from '#services/reconciliation/reconcile'
import { reconciliationSettings } from '#services/reconciliation/settings'

const MONITOR_ACTOR: Actor = { ...SYSTEM_ACTOR, label: 'monitor' }

export async function postAlert(text: string, blocks?: unknown[]) {
  const url = reconciliationSettings.alertWebhookUrl
  if (!url) return false
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(blocks ? { text, blocks } : { text }), signal: AbortSignal.timeout(10_000) })
  if (!response.ok) throw new Error(`alert webhook answered ${response.status}`)
  return true
}

export async function runMonitor(now = new Date()) {
  const outcome = reconciliationSettings.autoRepair
    ? await diagnoseAndRepair('monitor', MONITOR_ACTOR, (f) => f.safe)
    : { ...(await runReconciliation('monitor', MONITOR_ACTOR)), repaired: [], failed: [] }
  const repairedIds = new Set(outcome.repaired.filter((r) => r.done || r.message.startsWith('Nothing to repair')).map((r) => r.id))
  const open = outcome.findings.filter((f) => !repairedIds.has(Number(f.id)))
  const openPrints = [...new Set(open.map((f) => f.fingerprint as string))]

  // remember what is seen; resolve what is gone
  for (const fingerprint of openPrints) {
    await db.rawQuery(
      `INSERT INTO monitor_alerts (fingerprint, first_seen_at, last_seen_at) VALUES (?, ?, ?)
       ON CONFLICT (fingerprint) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at,
         first_seen_at = CASE WHEN monitor_alerts.resolved_at IS NOT NULL THEN EXCLUDED.first_seen_at ELSE monitor_alerts.first_seen_at END,
         alerted_at = CASE WHEN monitor_alerts.resolved_at IS NOT NULL THEN NULL ELSE monitor_alerts.alerted_at END,
         resolved_at = NULL`,
      [fingerprint, now, now]
    )
  }
  const resolved = db.from('monitor_alerts').whereNull('resolved_at')
  if (openPrints.length) resolved.whereNotIn('fingerprint', openPrints)
  await resolved.update({ resolved_at: now })

  const fresh = openPrints.length ? await db.from('monitor_alerts').whereIn('fingerprint', openPrints).whereNull('alerted_at').orderBy('fingerprint') : []
  let alerted = 0
  if (fresh.length || outcome.failed.length) {
    const newPrints = fresh.map((a) => a.fingerprint)
    const lines = open.filter((f) => newPrints.includes(f.fingerprint)).map((f) => `• ${f.kind} ${f.subject_type} ${f.subject_id}${f.safe ? '' : ' (needs finance)'}`)
    const text = [
      `:rotating_light: Creditdesk reconciliation run ${outcome.run.id}: ${fresh.length} new problem(s)`,
      ...lines.slice(0, 30),
      ...(lines.length > 30 ? [`… and ${lines.length - 30} more`] : []),
      ...(outcome.repaired.length ? [`Auto-repaired: ${outcome.repaired.filter((r) => r.done).length}`] : []),
      ...(outcome.failed.length ? [`Repairs that failed: ${outcome.failed.map((f) => f.fingerprint).join(', ')}`] : []),
    ].join('\n')
    try {
      if (await postAlert(text, [{ type: 'section', text: { type: 'mrkdwn', text } }])) {
        if (newPrints.length) await db.from('monitor_alerts').whereIn('fingerprint', newPrints).update({ alerted_at: now })
        alerted = newPrints.length
      }
    } catch (error) {
      logger.error({ err: error }, 'could not post the reconciliation alert; will retry next run')
    }
  }
  return { runId: Number(outcome.run.id), findings: outcome.findings.length, repaired: outcome.repaired, failed: outcome.failed, alerted }
}

export async function weeklySummary(now = new Date()) {
  const since = new Date(now.getTime() - 7 * 86_400_000)
  const runs = await db.from('reconciliation_runs').where('started_at', '>=', since).count('* as n').first()
  const kinds = await db
    .from('reconciliation_findings as f')
    .join('reconciliation_runs as r', 'r.id', 'f.run_id')
    .where('r.started_at', '>=', since)
    .groupBy('f.kind')
    .select('f.kind')
    .countDistinct('f.fingerprint as distinct')
    .select(db.raw(`count(*) FILTER (WHERE f.status = 'REPAIRED') AS repaired`))
  const open = await db.from('monitor_alerts').whereNull('resolved_at').count('* as n').first()
  const refunds = await db.from('refunds').where('completed_at', '>=', since).where('status', 'SUCCEEDED').count('* as n').first()
  const lines = kinds.map((k: any) => `• ${k.kind}: ${k.distinct} problem(s), ${k.repaired} repair(s)`)
  const text = [
    `:bar_chart: Creditdesk weekly reconciliation summary (${since.toISOString().slice(0, 10)} → ${now.toISOString().slice(0, 10)})`,
    `Runs: ${runs?.n ?? 0} · still open: ${open?.n ?? 0} · refunds paid: ${refunds?.n ?? 0}`,
    ...(lines.length ? lines : ['No findings this week.']),
  ].join('\n')
  await postAlert(text, [{ type: 'section', text: { type: 'mrkdwn', text } }])
  return text
}
