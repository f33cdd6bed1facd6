/**
 * Every change to a plan becomes a new immutable version (who, when, old → new), written in
 * the same transaction as the change. The plans resource calls these from its write hooks, so
 * the console's ordinary create and edit forms go through here; the engine has locked the
 * plan row for an edit, so two concurrent edits get consecutive version numbers.
 *
 * Input: the form's values and, on edit, the current row; output: the values to write. The
 * seeder calls it the same way, as the system.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { diff, type Actor } from '#services/audit'
import type { UseCase, UseCaseDeps } from '#services/use_case'
import type { PlanRow } from '#services/plans/rows'
import { InvalidInput } from '#exceptions/domain_errors'
import { fromUnits } from '#services/ledger/amounts'
import { parsePrices, type Prices } from '#validators/plans'
import { parseQuotas } from '#validators/quotas'
import type { PlanQuota, QuotaEditPolicy } from '#contract/quotas'

export type PlanState = {
  code: string
  name: string
  description: string | null
  name_zh: string | null
  description_zh: string | null
  prices: Prices
  grant_amount: string
  active: boolean
  sort_order: number
  quotas: PlanQuota[]
}

const VERSIONED = ['code', 'name', 'description', 'name_zh', 'description_zh', 'prices', 'grant_amount', 'active', 'sort_order', 'quotas'] as const

/** The state of a plan row (or of incoming values over it), in one comparable shape. */
function stateOf(row: Record<string, any>): PlanState {
  return {
    code: String(row.code),
    name: String(row.name),
    description: row.description ?? null,
    name_zh: row.name_zh || null,
    description_zh: row.description_zh || null,
    prices: parsePrices(row.prices),
    grant_amount: String(row.grant_amount),
    active: row.active === undefined ? true : !!row.active,
    sort_order: Number(row.sort_order ?? 0),
    quotas: parseQuotas(row.quotas ?? []),
  }
}

/** How a state reads in a version's old/new record: amounts as decimal strings. */
function readable(state: Partial<PlanState>) {
  const out: Record<string, unknown> = { ...state }
  if (state.grant_amount !== undefined) out.grant_amount = fromUnits(state.grant_amount)
  return out
}

function checkGrant(units: string) {
  if (!(BigInt(units) > 0n)) throw new InvalidInput([{ field: 'grant_amount', message: 'The amount granted must be greater than zero', rule: 'amount' }])
}

async function checkCodeFree(trx: TransactionClientContract, code: string) {
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/i.test(code)) {
    throw new InvalidInput([{ field: 'code', message: 'The code may use letters, digits, "-" and "_" (40 at most)', rule: 'format' }])
  }
  const taken = await trx.from('plans').whereRaw('lower(code) = lower(?)', [code]).first()
  if (taken) throw new InvalidInput([{ field: 'code', message: `A plan with the code "${code}" already exists`, rule: 'unique' }])
}

async function writePlanVersion(
  trx: TransactionClientContract,
  planId: number,
  version: number,
  state: PlanState,
  changes: { before: Record<string, unknown> | null; after: Record<string, unknown> | null } | null,
  actor: Actor,
  reason: string | null = null,
  quotaPolicy: QuotaEditPolicy | null = null
) {
  const [row] = await trx
    .insertQuery()
    .table('plan_versions')
    .insert({
      plan_id: planId,
      version,
      ...state,
      prices: JSON.stringify(state.prices),
      quotas: JSON.stringify(state.quotas),
      quota_policy: quotaPolicy,
      changes: changes ? JSON.stringify(changes) : null,
      reason,
      actor_type: actor.type,
      actor_id: actor.id,
      actor_label: actor.label,
    })
    .returning('id')
  return Number(row.id ?? row)
}

/** The form's values (validated by the engine) over the current row, locked by the engine on edit. */
export type PlanChange = { values: Record<string, any>; current: PlanRow | null; reason?: string | null; quotaPolicy?: QuotaEditPolicy | null }

const recordPlanVersion: UseCase<PlanChange, Record<string, any>> = {
  handle: ({ values, current, reason, quotaPolicy }, deps) =>
    current ? prepareUpdate(values, current, deps, reason ?? null, quotaPolicy ?? null) : prepareCreate(values, reason ?? null, deps),
}
export default recordPlanVersion

/** Before a plan is inserted: normalise, check, and write version 1 under a pre-allocated id. */
async function prepareCreate(values: Record<string, any>, reason: string | null, { trx, actor }: UseCaseDeps) {
  await checkCodeFree(trx, String(values.code ?? ''))
  const state = stateOf(values)
  checkGrant(state.grant_amount)
  const { rows } = await trx.rawQuery(`SELECT nextval(pg_get_serial_sequence('plans', 'id')) AS id`)
  const id = Number(rows[0].id)
  const versionId = await writePlanVersion(trx, id, 1, state, null, actor, reason)
  return { ...values, ...state, id, prices: JSON.stringify(state.prices), quotas: JSON.stringify(state.quotas), version: 1, current_version_id: versionId }
}

/** Before a plan is updated: when anything versioned changes, the next version is written. */
async function prepareUpdate(values: Record<string, any>, record: PlanRow, { trx, actor }: UseCaseDeps, reason: string | null, quotaPolicy: QuotaEditPolicy | null) {
  if (values.code !== undefined && String(values.code).toLowerCase() !== String(record.code).toLowerCase()) {
    throw new InvalidInput([{ field: 'code', message: 'The code of a plan cannot change (orders and reports refer to it)', rule: 'readOnly' }])
  }
  const before = stateOf(record)
  const after = stateOf({ ...record, ...values })
  checkGrant(after.grant_amount)
  const changed = VERSIONED.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
  if (!changed.length) return {}
  const pick = (state: PlanState) => Object.fromEntries(changed.map((key) => [key, state[key]])) as Partial<PlanState>
  const version = Number(record.version) + 1
  const versionId = await writePlanVersion(trx, Number(record.id), version, after, diff(readable(pick(before)), readable(pick(after))), actor, reason, changed.includes('quotas') ? quotaPolicy : null)
  return {
    ...pick(after),
    ...(changed.includes('prices') ? { prices: JSON.stringify(after.prices) } : {}),
    ...(changed.includes('quotas') ? { quotas: JSON.stringify(after.quotas) } : {}),
    version,
    current_version_id: versionId,
  }
}
