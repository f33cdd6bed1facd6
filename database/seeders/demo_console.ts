/**
 * The console's writes without a browser, for demo seeds: a resource's custom action or its create
 * form, run by a named staff member exactly as the resource engine runs them for an HTTP request
 * (backend/engine/records.ts): the input validated by the action's field declarations, the record
 * locked, the use case called, and the audit row — with the before/after of the record and the
 * reason — written in the same transaction. Only who acts and the request facts are supplied here.
 */
import db from '@adonisjs/lucid/services/db'
import audit, { diff, type Actor, type RequestFacts } from '#services/audit'
import { transaction } from '#services/transaction'
import { findResource, loadResources } from '#engine/registry'
import { findRow } from '#engine/records'
import { validateInput } from '#engine/input'
import { auditSnapshot } from '#engine/serialize'
import { notNullColumns } from '#engine/columns'
import type { ResourceDef } from '#engine/types'

/** What the demo's staff requests look like in the audit log (as the rest of the demo history). */
export const STAFF_FACTS: RequestFacts = { ip: '10.0.0.12', userAgent: 'Mozilla/5.0 (demo seed)', requestId: 'seed' }

/** A demo staff member as the actor of a console request. */
export async function staffActor(email: string): Promise<Actor> {
  const staff = await db.from('staff as s').join('roles as r', 'r.id', 's.role_id').where('s.email', email).select('s.id', 's.email', 'r.name as role').first()
  if (!staff) throw new Error(`demo staff ${email} is missing`)
  return { type: 'staff', id: Number(staff.id), label: staff.email, role: staff.role }
}

async function resource(name: string): Promise<ResourceDef> {
  await loadResources()
  const found = findResource(name)
  if (!found) throw new Error(`resource ${name} is not declared`)
  return found
}

/**
 * Runs `resourceName`'s action `actionName` on record `id` (undefined for a collection action) with
 * the body a console form would post (`reason` included when the action asks for one).
 */
export async function runStaffAction(actor: Actor, resourceName: string, actionName: string, id: number | undefined, body: Record<string, unknown> = {}) {
  const def = await resource(resourceName)
  const action = def.actions?.[actionName]
  if (!action) throw new Error(`${resourceName} has no action ${actionName}`)
  const { reason, ...fields } = body
  const input = await validateInput(action.fields ?? {}, fields, 'action')
  const { default: useCase } = await action.handler()
  return transaction(async (trx) => {
    const before = id === undefined ? undefined : await findRow(def, String(id), trx, true)
    const outcome = await useCase.handle({ record: before, fields: input, reason: typeof reason === 'string' ? reason : undefined }, { trx, actor, facts: STAFF_FACTS })
    const after = id === undefined ? undefined : await findRow(def, String(id), trx)
    const changes = id === undefined ? { before: null, after: null } : diff(auditSnapshot(def, before!), auditSnapshot(def, after!))
    await audit.record(
      trx,
      {
        action: actionName,
        resource: def.name,
        recordId: id ?? null,
        ...changes,
        reason: typeof reason === 'string' ? reason : null,
        metadata: { ...(Object.keys(input).length ? { input } : {}), ...(outcome.auditMetadata ?? {}) },
      },
      actor,
      STAFF_FACTS
    )
    return outcome
  })
}

/** Creates a record through the resource's create form (its write hook included), audited `create`. */
export async function createAsStaff(actor: Actor, resourceName: string, body: Record<string, unknown>) {
  const def = await resource(resourceName)
  let values = await validateInput(def.fields, body, 'create', undefined, await notNullColumns(def.table))
  return transaction(async (trx) => {
    if (def.hooks?.beforeCreate) values = await def.hooks.beforeCreate(values, trx, { trx, actor, facts: STAFF_FACTS })
    const [row] = await trx.insertQuery().table(def.table).insert(values).returning('*')
    await audit.record(trx, { action: 'create', resource: def.name, recordId: row[def.primaryKey ?? 'id'], before: null, after: auditSnapshot(def, row) }, actor, STAFF_FACTS)
    return row as Record<string, any>
  })
}
