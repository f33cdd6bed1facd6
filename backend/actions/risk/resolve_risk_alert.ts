/** Console: the alert is dealt with (or was a false alarm), with a note saying how; detection re-arms for its subject. */
import type { EngineAction } from '#services/use_case'
import { InvalidInput } from '#exceptions/domain_errors'
import type { RiskAlertRow } from '#services/risk/rows'
import { assertUnresolved, staffId } from '#services/risk/alert_steps'

const resolveRiskAlert: EngineAction<{ note: string }, RiskAlertRow> = {
  async handle({ record, fields }, { trx, actor }) {
    const alert = record!
    const note = (fields.note ?? '').trim()
    if (note.length < 3) throw new InvalidInput([{ field: 'note', message: 'Say how the alert was resolved (at least 3 characters)', rule: 'minLength' }])
    assertUnresolved(alert)
    const now = new Date()
    await trx
      .from('risk_alerts')
      .where('id', alert.id)
      .update({ status: 'resolved', resolved_by: staffId(actor), resolved_at: now, resolution_note: note, updated_at: now })
    return { message: 'Alert resolved' }
  },
}
export default resolveRiskAlert
