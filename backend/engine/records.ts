/**
 * Reading and writing a resource's rows inside a transaction, with the audit row written by
 * the same transaction. The HTTP controller and ace commands both go through here.
 */
import type { HttpContext } from '@adonisjs/core/http'
import { transaction } from '#services/transaction'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import audit, { diff } from '#services/audit'
import { depsFor } from '#http/use_cases'
import { BadRequest, InvalidInput, NotFound } from '#exceptions/domain_errors'
import type { ActionResult, ResourceDef } from './types.js'
import { auditSnapshot, serializeRow } from './serialize.js'
import { validateInput } from './input.js'
import { APPEND_ONLY_TABLES } from '#services/database_roles'
import { notNullColumns } from './columns.js'
import { selectFields } from './list.js'
import { UUID } from './list_query.js'

export function parseId(resource: ResourceDef, raw: string) {
  const pk = resource.primaryKey ?? 'id'
  const field = resource.fields[pk]
  if (field?.type === 'number' && !/^\d{1,18}$/.test(raw)) throw new BadRequest(`"${raw.slice(0, 40)}" is not a valid id`)
  if (field?.format === 'uuid' && !UUID.test(raw)) throw new BadRequest(`"${raw.slice(0, 40)}" is not a valid id`)
  if (raw.length > 64) throw new BadRequest('The id is too long')
  return raw
}

export async function findRow(resource: ResourceDef, id: string, trx?: TransactionClientContract, lock = false) {
  // with its computed fields, so a form posting them back unchanged is told apart from a write
  const query = selectFields((trx ?? db).from(resource.table), resource).where(`${resource.table}.${resource.primaryKey ?? 'id'}`, id)
  // append-only rows never change, and the app role may not lock them (no UPDATE grant)
  if (lock && !APPEND_ONLY_TABLES.includes(resource.table)) query.forUpdate()
  const row = await query.first()
  if (!row) throw new NotFound(`${resource.name} ${id} was not found`)
  return row as Record<string, any>
}

export async function createRecord(resource: ResourceDef, body: unknown, ctx: HttpContext) {
  let values = await validateInput(resource.fields, body, 'create', undefined, await notNullColumns(resource.table))
  return transaction(async (trx) => {
    if (resource.hooks?.beforeCreate) values = await resource.hooks.beforeCreate(values, trx, depsFor(ctx, trx))
    const [row] = await trx.insertQuery().table(resource.table).insert(values).returning('*')
    const id = row[resource.primaryKey ?? 'id']
    await audit.fromRequest(trx, ctx, { action: 'create', resource: resource.name, recordId: id, before: null, after: auditSnapshot(resource, row) })
    return row as Record<string, any>
  })
}

export async function updateRecord(resource: ResourceDef, id: string, body: unknown, ctx: HttpContext) {
  const notNull = await notNullColumns(resource.table)
  return transaction(async (trx) => {
    const current = await findRow(resource, id, trx, true)
    let values = await validateInput(resource.fields, body, 'edit', serializeRow(resource, current, true), notNull)
    if (resource.hooks?.beforeUpdate) values = await resource.hooks.beforeUpdate(values, current, trx, depsFor(ctx, trx))
    if (!Object.keys(values).length) return current
    if ('updated_at' in current) values.updated_at = new Date()
    const [row] = await trx.from(resource.table).where(resource.primaryKey ?? 'id', id).update(values).returning('*')
    const changes = diff(auditSnapshot(resource, current), auditSnapshot(resource, row))
    if (Object.keys(changes.before ?? {}).length) {
      await audit.fromRequest(trx, ctx, { action: 'update', resource: resource.name, recordId: id, ...changes })
    }
    return row as Record<string, any>
  })
}

export async function deleteRecord(resource: ResourceDef, id: string, ctx: HttpContext) {
  await transaction(async (trx) => {
    const current = await findRow(resource, id, trx, true)
    if (resource.hooks?.beforeDelete) await resource.hooks.beforeDelete(current, trx, depsFor(ctx, trx))
    await trx.from(resource.table).where(resource.primaryKey ?? 'id', id).delete()
    await audit.fromRequest(trx, ctx, { action: 'delete', resource: resource.name, recordId: id, before: auditSnapshot(resource, current), after: null })
  })
}

/** Runs a custom action's use case with the record locked, and audits what it changed. */
export async function runAction(
  resource: ResourceDef,
  actionName: string,
  id: string | undefined,
  body: unknown,
  ctx: HttpContext
): Promise<ActionResult & { row?: Record<string, any> }> {
  const action = resource.actions![actionName]
  const input = await validateInput(action.fields ?? {}, stripReason(body), 'action')
  const reason = readReason(body, action.reason === true)
  let ids: Array<string> | undefined
  if (action.scope === 'bulk') ids = readIds(resource, body)

  const { default: useCase } = await action.handler()
  return transaction(async (trx) => {
    const before = id ? await findRow(resource, id, trx, true) : undefined
    const outcome = await useCase.handle({ record: before, ids, fields: input, reason }, depsFor(ctx, trx))
    const after = id ? await findRow(resource, id, trx) : undefined
    const changes = id ? diff(auditSnapshot(resource, before!), auditSnapshot(resource, after!)) : { before: null, after: null }
    await audit.fromRequest(trx, ctx, {
      action: actionName,
      resource: resource.name,
      recordId: id ?? null,
      ...changes,
      reason: reason ?? null,
      metadata: { ...(input && Object.keys(input).length ? { input: auditedInput(action.fields ?? {}, input) } : {}), ...(ids ? { ids } : {}), ...(outcome.auditMetadata ?? {}) },
    })
    return { ...outcome, row: after }
  })
}

function stripReason(body: unknown) {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { reason, ids, ...rest } = body as Record<string, unknown>
    return rest
  }
  return body
}

function readReason(body: unknown, required: boolean): string | undefined {
  const raw = body && typeof body === 'object' ? (body as any).reason : undefined
  if (raw !== undefined && raw !== null && typeof raw !== 'string') {
    throw new BadRequest('"reason" must be text')
  }
  const reason = typeof raw === 'string' ? raw.trim() : ''
  if (required && reason.length < 3) {
    throw new InvalidInput([{ field: 'reason', message: 'A reason is required (at least 3 characters)', rule: 'required' }])
  }
  if (reason.length > 1000) throw new BadRequest('The reason is too long (1000 characters at most)')
  return reason || undefined
}

function readIds(resource: ResourceDef, body: unknown): string[] {
  const ids = body && typeof body === 'object' ? (body as any).ids : undefined
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 500) {
    throw new BadRequest('"ids" must be a list of 1 to 500 record ids')
  }
  return ids.map((raw) => parseId(resource, String(raw)))
}


/** An action's input as its audit row keeps it: write-only inputs (secrets) are recorded as set, never their value. */
function auditedInput(fields: Record<string, { writeOnly?: boolean }>, input: Record<string, unknown>) {
  const kept: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(input)) kept[name] = fields[name]?.writeOnly && value !== undefined && value !== null ? '[set]' : value
  return kept
}
