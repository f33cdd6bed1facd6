/**
 * Editing a tier (the tiers resource's edit form, whose write hook calls this): the change is
 * checked, written as the tier's next immutable version (before/after, who, why), and every
 * customer it affects is resolved again against the table as it will be — new limits, and a
 * threshold moved up or down moves computed tiers (up at once; down only where the tier held says
 * `may_downgrade`) — all in the edit's transaction. `recharge_to` follows the next tier's
 * `recharge_from`, so a moved threshold also versions the neighbour whose range it closes.
 *
 * Input: the form's validated values and the current row (locked by the engine); output: the
 * values to write. A reason (3+ characters) is required.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { diff, type Actor } from '#services/audit'
import type { UseCase, UseCaseDeps } from '#services/use_case'
import { InvalidInput } from '#exceptions/domain_errors'
import { parseMultiplier } from '#services/catalog/decimals'
import { fromUnits } from '#services/ledger/amounts'
import type { TierRow } from '#services/tiers/rows'
import { loadTiers, type TierTable } from '#services/tiers/table'
import { reapplyTiers } from '#services/tiers/reapply'
import { refreshTierOptions } from '#services/tiers/options'

const VERSIONED = ['name', 'name_zh', 'recharge_from', 'recharge_to', 'rpm', 'tpm', 'max_keys', 'price_multiplier', 'sort', 'may_downgrade'] as const
type TierState = Record<(typeof VERSIONED)[number], unknown>

/** A tier row's versioned state, amounts as strings (units) so the JSON stays exact. */
export function tierState(row: Record<string, any>): TierState {
  return {
    name: String(row.name),
    name_zh: String(row.name_zh),
    recharge_from: String(row.recharge_from),
    recharge_to: row.recharge_to === null || row.recharge_to === undefined ? null : String(row.recharge_to),
    rpm: Number(row.rpm),
    tpm: row.tpm === null || row.tpm === undefined ? null : String(row.tpm),
    max_keys: Number(row.max_keys),
    price_multiplier: Number(row.price_multiplier).toFixed(4),
    sort: Number(row.sort),
    may_downgrade: !!row.may_downgrade,
  }
}

/** How a state reads in a version's old/new record: amounts as decimal strings of the asset. */
function readable(state: Partial<TierState>) {
  const out: Record<string, unknown> = { ...state }
  for (const key of ['recharge_from', 'recharge_to'] as const) if (out[key] !== undefined && out[key] !== null) out[key] = fromUnits(String(out[key]))
  return out
}

const fail = (field: string, message: string, rule = 'invalid'): never => {
  throw new InvalidInput([{ field, message, rule }])
}

function checkValues(values: Record<string, any>) {
  const reason = typeof values.reason === 'string' ? values.reason.trim() : ''
  if (reason.length < 3) fail('reason', 'A reason is required (at least 3 characters)', 'required')
  for (const key of ['name', 'name_zh']) if (key in values && !String(values[key] ?? '').trim()) fail(key, 'A name is required', 'required')
  if ('price_multiplier' in values) {
    const multiplier = parseMultiplier('price_multiplier', values.price_multiplier)
    if (multiplier === null) fail('price_multiplier', 'A multiplier is required', 'required')
    values.price_multiplier = multiplier
  }
  for (const key of ['rpm', 'max_keys', 'recharge_from']) if (key in values && values[key] === null) fail(key, 'A value is required', 'required')
  if (values.tpm !== undefined && values.tpm !== null && !(Number(values.tpm) > 0)) fail('tpm', 'TPM must be more than 0 (empty = unlimited)', 'min')
  if (values.recharge_from !== undefined && BigInt(values.recharge_from) < 0n) fail('recharge_from', 'The threshold cannot be negative', 'min')
  return reason
}

/** The table after the edit, with every `recharge_to` following the next threshold up. */
function tableAfter(tiers: TierTable, code: string, after: Record<string, any>): TierTable {
  const next = tiers.map((t) => (t.code === code ? ({ ...t, ...after } as TierRow) : { ...t }))
  const sorted = [...next].sort((a, b) => (BigInt(a.recharge_from) < BigInt(b.recharge_from) ? -1 : 1))
  const froms = new Set(sorted.map((t) => String(t.recharge_from)))
  if (froms.size !== sorted.length) fail('recharge_from', 'Another tier starts at this recharge amount', 'unique')
  if (BigInt(sorted[0].recharge_from) !== 0n) fail('recharge_from', 'The lowest tier must start at 0', 'min')
  sorted.forEach((t, i) => (t.recharge_to = i + 1 < sorted.length ? String(sorted[i + 1].recharge_from) : null))
  return sorted
}

async function writeVersion(trx: TransactionClientContract, code: string, version: number, state: TierState, changes: ReturnType<typeof diff>, reason: string, actor: Actor) {
  await trx.insertQuery().table('tier_versions').insert({
    tier_code: code,
    version,
    state: JSON.stringify(state),
    changes: JSON.stringify(changes),
    reason,
    actor_type: actor.type,
    actor_id: actor.id,
    actor_label: actor.label,
  })
}

export type TierEdit = { values: Record<string, any>; current: TierRow }

const updateTier: UseCase<TierEdit, Record<string, any>> = {
  async handle({ values, current }, deps: UseCaseDeps) {
    const { trx, actor } = deps
    const input = { ...values }
    const reason = checkValues(input)
    delete input.reason
    const tiers = await loadTiers(trx)
    const after = tableAfter(tiers, current.code, input)
    const changedRows: Array<{ row: TierRow; before: TierState; after: TierState; changed: Array<keyof TierState> }> = []
    for (const row of after) {
      const before = tierState(tiers.find((t) => t.code === row.code)!)
      const state = tierState(row)
      const changed = VERSIONED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(state[k]))
      if (changed.length) changedRows.push({ row, before, after: state, changed })
    }
    if (!changedRows.length) return {}
    const edited = changedRows.find((c) => c.row.code === current.code)
    let out: Record<string, any> = {}
    for (const change of changedRows) {
      const pick = (s: TierState) => Object.fromEntries(change.changed.map((k) => [k, s[k]])) as Partial<TierState>
      const version = Number(change.row.version) + 1
      const why = change.row.code === current.code ? reason : `Follows the ${current.code} tier's threshold: ${reason}`
      await writeVersion(trx, change.row.code, version, change.after, diff(readable(pick(change.before)), readable(pick(change.after))), why, actor)
      const written = { ...pick(change.after), version, updated_by: actor.type === 'staff' ? actor.id : null }
      if (change.row.code === current.code) out = written
      else await trx.from('tiers').where('code', change.row.code).update({ ...written, updated_at: new Date() })
    }
    const table = after.map((t) => ({ ...t, version: Number(t.version) + (changedRows.some((c) => c.row.code === t.code) ? 1 : 0) }))
    await reapplyTiers(trx, table, current.code, { reason, actor, facts: deps.facts })
    trx.after('commit', () => refreshTierOptions().catch(() => {}))
    return edited ? out : {}
  },
}
export default updateTier
