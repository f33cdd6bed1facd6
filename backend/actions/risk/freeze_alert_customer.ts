/**
 * Console: freeze the customer an alert is about (theirs or their key's), through the users'
 * freeze (no sign-in, every session ends; the customer's history shows it). Needs the users'
 * `freeze` permission too, as freezing from the customer's own page would.
 */
import type { EngineAction } from '#services/use_case'
import { Forbidden } from '#exceptions/domain_errors'
import { actorMay } from '#services/staff/actor_permissions'
import type { RiskAlertRow } from '#services/risk/rows'
import { actOnSubject, assertUnresolved, markActed } from '#services/risk/alert_steps'
import freezeUser from '#actions/users/freeze_user'

const CUSTOMER_COLUMNS = ['id', 'email', 'frozen', 'frozen_reason', 'frozen_at']

const freezeAlertCustomer: EngineAction<{}, RiskAlertRow> = {
  async handle({ record, reason }, deps) {
    const alert = record!
    assertUnresolved(alert)
    if (!(await actorMay(deps.trx, deps.actor, 'users', 'freeze'))) throw new Forbidden('Freezing a customer needs the "Freeze" permission on users')
    const outcome = await actOnSubject(deps, {
      resource: 'users',
      action: 'freeze',
      table: 'customers',
      id: alert.customer_id,
      columns: CUSTOMER_COLUMNS,
      useCase: freezeUser,
      reason: reason!,
      alertId: alert.id,
    })
    await markActed(deps.trx, alert, 'froze_customer', deps.actor)
    return { message: outcome.message, auditMetadata: { customerId: Number(alert.customer_id) } }
  },
}
export default freezeAlertCustomer
