/** Console: a staff member has seen the alert and is on it (an optional note); open → acknowledged. */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'
import type { RiskAlertRow } from '#services/risk/rows'
import { assertUnresolved, staffId } from '#services/risk/alert_steps'

const acknowledgeRiskAlert: EngineAction<{ note?: string | null }, RiskAlertRow> = {
  async handle({ record, fields }, { trx, actor }) {
    const alert = record!
    assertUnresolved(alert)
    if (alert.status !== 'open') throw new Conflict('This alert is already acknowledged')
    const now = new Date()
    await trx
      .from('risk_alerts')
      .where('id', alert.id)
      .update({ status: 'acknowledged', acknowledged_by: staffId(actor), acknowledged_at: now, note: fields.note || null, updated_at: now })
    return { message: 'Alert acknowledged' }
  },
}
export default acknowledgeRiskAlert
