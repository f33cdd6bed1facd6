/** The portal's quota page: the customer's quotas now and the alerts of each quota's current period. */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { PortalQuotasWire, QuotaAlertWire } from '#contract/quotas'
import { presentQuota, quotaStates } from './state.js'

export async function portalQuotas(client: QueryClientContract, customerId: number, at = new Date()): Promise<PortalQuotasWire> {
  const states = await quotaStates(client, customerId, at)
  const alerts: QuotaAlertWire[] = []
  if (states.length) {
    const rows = await client
      .from('quota_alerts')
      .where('customer_id', customerId)
      .where((q) => {
        for (const s of states) q.orWhere({ feature: s.feature, period: s.period, period_start: new Date(s.periodStart) })
      })
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    for (const r of rows) {
      alerts.push({ feature: r.feature, period: r.period, threshold: Number(r.threshold) as QuotaAlertWire['threshold'], period_start: new Date(r.period_start).toISOString(), created_at: new Date(r.created_at).toISOString() })
    }
  }
  return { quotas: states.map(presentQuota), alerts }
}
