/**
 * Reconciliation and monitoring settings (all optional; mutable so tests can change them):
 *   MONITOR_INTERVAL_MINUTES  how often the monitor diagnoses (default 15; 1–59, else hourly)
 *   MONITOR_AUTO_REPAIR       repair the kinds marked safe on each monitor run (default false)
 *   ALERT_WEBHOOK_URL         Slack-compatible incoming webhook for alerts and the weekly summary
 *   ADMIN_API_KEY             key for POST /api/internal/fix-credits (the route is off without it)
 */
import env from '#start/env'

export const reconciliationSettings = {
  intervalMinutes: Math.max(1, env.get('MONITOR_INTERVAL_MINUTES') ?? 15),
  autoRepair: env.get('MONITOR_AUTO_REPAIR') ?? false,
  alertWebhookUrl: env.get('ALERT_WEBHOOK_URL') ?? null,
  adminApiKey: env.get('ADMIN_API_KEY') ?? null,
  /** Stripe orders compared with Stripe per run (the most recently changed first). */
  stripeChecksPerRun: 25,
  /** Only Stripe orders changed in the last this-many days are compared. */
  stripeLookbackDays: 30,
}

export function monitorCron() {
  const m = reconciliationSettings.intervalMinutes
  return m < 60 ? `*/${m} * * * *` : '0 * * * *'
}
