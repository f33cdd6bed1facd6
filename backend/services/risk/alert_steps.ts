/**
 * What the risk alert actions share: the state an alert must be in for a step, and running an
 * existing console use case (the key's leak lock, the customer's freeze) on the alert's subject
 * as the engine would — the subject's row locked, the use case's own checks, mail and session
 * ending, and an audit row on the subject's resource naming the alert.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { diff, type Actor } from '#services/audit'
import type { ActionResponse, EngineAction, UseCaseDeps } from '#services/use_case'
import { Conflict, NotFound } from '#exceptions/domain_errors'
import type { RiskAlertAction } from '#contract/risk'
import type { RiskAlertRow } from './rows.js'

export const staffId = (actor: Actor) => (actor.type === 'staff' ? actor.id : null)

/** Refuses a step on an alert that is already resolved (409). */
export function assertUnresolved(alert: RiskAlertRow) {
  if (alert.status === 'resolved') throw new Conflict('This alert is already resolved')
}

type Step = {
  /** the subject's resource and the action's name there, as its own audit rows name them */
  resource: string
  action: string
  table: string
  id: string | number
  /** columns read for the use case and compared for the audit row (never a secret) */
  columns: string[]
  useCase: EngineAction<any, any>
  reason: string
  alertId: string | number
}

export async function actOnSubject(deps: UseCaseDeps, step: Step): Promise<ActionResponse> {
  const { trx, actor, facts } = deps
  const before = await trx.from(step.table).where('id', step.id).select(step.columns).forUpdate().first()
  if (!before) throw new NotFound(`${step.resource} ${step.id} was not found`)
  const outcome = await step.useCase.handle({ record: before, fields: {}, reason: step.reason }, deps)
  const after = await trx.from(step.table).where('id', step.id).select(step.columns).first()
  const changes = diff(json(before), json(after))
  await audit.record(
    trx,
    { action: step.action, resource: step.resource, recordId: step.id, ...changes, reason: step.reason, metadata: { ...(outcome.auditMetadata ?? {}), riskAlertId: Number(step.alertId) } },
    actor,
    facts
  )
  return outcome
}

/** Records a containment step on the alert; an open alert counts as acknowledged by whoever acted. */
export async function markActed(trx: TransactionClientContract, alert: RiskAlertRow, action: RiskAlertAction, actor: Actor) {
  const now = new Date()
  await trx
    .from('risk_alerts')
    .where('id', alert.id)
    .update({
      action_taken: action,
      action_taken_by: staffId(actor),
      action_taken_at: now,
      ...(alert.status === 'open' ? { status: 'acknowledged', acknowledged_by: staffId(actor), acknowledged_at: now } : {}),
      updated_at: now,
    })
}

/** The row as its audit row shows it: wire values, without the bookkeeping timestamp. */
function json(row: Record<string, unknown>) {
  const { updated_at: _, ...rest } = JSON.parse(JSON.stringify(row)) as Record<string, unknown>
  return rest
}
