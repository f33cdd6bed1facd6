/*
|--------------------------------------------------------------------------
| Job kinds and schedules
|--------------------------------------------------------------------------
|
| Declared in every environment (so tests and ace commands can run them);
| the queue itself is started by the web server only (see boot.ts).
*/
import app from '@adonisjs/core/services/app'
import jobs from '#services/jobs'

jobs.define(
  'ledger-expire-gift',
  async () => {
    const { expireGiftLots } = await import('#services/ledger/expire_gift_lots')
    await expireGiftLots()
  },
  { cron: '* * * * *' }
)

/* Redemption codes past their expiry become EXPIRED on time, without anyone acting. */
jobs.define(
  'codes-expire',
  async () => {
    const { expireCodes } = await import('#services/codes/expire_codes')
    await expireCodes()
  },
  { cron: '* * * * *' }
)

/* Voucher campaigns: grants in the background, idempotent per (campaign, customer). */
jobs.define('campaign-send', async (data: { campaignId: number; maxPerRun?: number }) => {
  const { runCampaignSend } = await import('#services/campaigns/send_runner')
  const maxPerRun = Number.isInteger(data.maxPerRun) && data.maxPerRun! > 0 ? data.maxPerRun : undefined
  await runCampaignSend(Number(data.campaignId), { maxPerRun })
})

/* Recharge orders nobody paid are cancelled on time (card orders also expired at Stripe). */
jobs.define(
  'orders-expire',
  async () => {
    const { expirePendingOrders } = await import('#services/orders/expire_pending_orders')
    await expirePendingOrders()
  },
  { cron: '* * * * *' }
)

/* Reconciliation monitor: diagnose (auto-repair the safe kinds when enabled) and alert once per problem. */
jobs.define(
  'reconciliation-monitor',
  async () => {
    const { runMonitor } = await import('#services/reconciliation/monitor')
    await runMonitor()
  },
  { cron: (await import('#services/reconciliation/settings')).monitorCron(), retryLimit: 1 }
)

/* Weekly reconciliation summary to the alert webhook, Mondays 09:00 UTC. */
jobs.define(
  'reconciliation-weekly-summary',
  async () => {
    const { weeklySummary } = await import('#services/reconciliation/monitor')
    await weeklySummary()
  },
  { cron: '0 9 * * 1', retryLimit: 1 }
)

/* Credit holds past their expiry are released (status expired), each exactly once. */
jobs.define(
  'holds-expire',
  async () => {
    const { expireHolds } = await import('#services/holds/expire_holds')
    await expireHolds()
  },
  { cron: '* * * * *' }
)

/* Usage partitions: this month's and the next three months' partitions exist ahead of the traffic. Daily 02:00 UTC. */
jobs.define(
  'usage-partitions',
  async () => {
    const { ensureUsagePartitionsAhead } = await import('#services/usage/partitions')
    await ensureUsagePartitionsAhead(3)
  },
  { cron: '0 2 * * *', retryLimit: 3 }
)

/* Upstream keys: flag (and alert once) keys due for rotation; retire keys whose overlap ended. Daily 08:00 UTC. */
jobs.define(
  'upstream-keys-rotation',
  async () => {
    const { runUpstreamKeyRotation } = await import('#services/catalog/key_rotation')
    await runUpstreamKeyRotation()
  },
  { cron: '0 8 * * *', retryLimit: 1 }
)

/* Anomaly detection: spend and request spikes per customer and key, keys over their monthly cap → risk alerts. Every 5 minutes. */
jobs.define(
  'usage-anomalies',
  async () => {
    const { runAnomalyDetection } = await import('#services/risk/anomaly_job')
    await runAnomalyDetection()
  },
  { cron: '*/5 * * * *', retryLimit: 1 }
)

/* Staff tier overrides past their end date end: the computed (or negotiated) tier and its limits return. */
jobs.define(
  'tier-overrides-expire',
  async () => {
    const { expireTierOverrides } = await import('#services/tiers/expire_overrides')
    await expireTierOverrides()
  },
  { cron: '* * * * *' }
)

/* Report exports: one job per export asked for (computes and writes its CSV); not retried, a failure is recorded on the export. */
jobs.define(
  'report-export',
  async (data: { id: number }) => {
    const { runReportExport } = await import('#services/report_exports/run_export')
    await runReportExport(Number(data.id))
  },
  { retryLimit: 0 }
)

/* Contracts past their last day (a UTC date) become expired, audited; daily 00:05 UTC and once at start. Idempotent. */
jobs.define(
  'contracts-expire',
  async () => {
    const { expireDueContracts } = await import('#services/contracts/expire')
    await expireDueContracts()
  },
  { cron: '5 0 * * *', retryLimit: 3 }
)
app.ready(async () => {
  if (jobs.started) await jobs.send('contracts-expire', {}, { singletonKey: 'contracts-expire-at-start' }).catch(() => null)
})

/* Report export files past their link's expiry are deleted and the exports marked expired. Every 15 minutes. */
jobs.define(
  'report-exports-expire',
  async () => {
    const { expireReportExports } = await import('#services/report_exports/expire_exports')
    await expireReportExports()
  },
  { cron: '*/15 * * * *', retryLimit: 1 }
)

/* Postpaid bills: each organization's last finished period is billed (a draft), daily 00:10 UTC; idempotent per period. */
jobs.define(
  'bills-generate',
  async () => {
    const { generateDueBills } = await import('#services/bills/jobs')
    await generateDueBills()
  },
  { cron: '10 0 * * *', retryLimit: 1 }
)

/* Unpaid bills past due are marked overdue; past the grace days the organization is suspended. Hourly. */
jobs.define(
  'bills-overdue',
  async () => {
    const { markOverdueBills } = await import('#services/bills/jobs')
    await markOverdueBills()
  },
  { cron: '5 * * * *', retryLimit: 1 }
)
