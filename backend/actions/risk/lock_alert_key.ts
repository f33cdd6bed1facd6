/**
 * Console: lock the key an alert is about, through the API keys' leak lock (verify answers
 * LOCKED from the commit on, the owner is emailed, the key's history shows it). Needs the API
 * keys' `leak_lock` permission too, as locking it from the key's own page would.
 */
import type { EngineAction } from '#services/use_case'
import { BadRequest, Forbidden } from '#exceptions/domain_errors'
import { actorMay } from '#services/staff/actor_permissions'
import { KEY_COLUMNS } from '#services/api_keys/rows'
import type { RiskAlertRow } from '#services/risk/rows'
import { actOnSubject, assertUnresolved, markActed } from '#services/risk/alert_steps'
import leakLockKey from '#actions/api_keys/leak_lock_key'

const lockAlertKey: EngineAction<{}, RiskAlertRow> = {
  async handle({ record, reason }, deps) {
    const alert = record!
    assertUnresolved(alert)
    if (alert.api_key_id === null) throw new BadRequest('This alert is about a customer, not a key: freeze the customer instead')
    if (!(await actorMay(deps.trx, deps.actor, 'api-keys', 'leak_lock'))) throw new Forbidden('Locking a key needs the "Leak lock" permission on API keys')
    const outcome = await actOnSubject(deps, {
      resource: 'api-keys',
      action: 'leak_lock',
      table: 'api_keys',
      id: alert.api_key_id,
      columns: KEY_COLUMNS,
      useCase: leakLockKey,
      reason: reason!,
      alertId: alert.id,
    })
    await markActed(deps.trx, alert, 'locked_key', deps.actor)
    return { message: outcome.message, auditMetadata: { apiKeyId: Number(alert.api_key_id) } }
  },
}
export default lockAlertKey
