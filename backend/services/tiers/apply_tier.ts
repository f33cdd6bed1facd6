/**
 * The one place that sets a customer's tier: `tier`, `tier_source`, the effective `rpm_limit` /
 * `tpm_limit` verify reads, and the columns the tier is resolved from (computed tier, override,
 * negotiated terms). Every caller (a recharge, a staff override, negotiated terms, the end of an
 * override, a tier edit) passes what changes; this resolves the tier against the table, writes
 * the customer, and — when the tier, its source or a limit changed — a tier_history row, an audit
 * row and an in-app notification, all in the caller's transaction. The customers trigger of 0051
 * tells every instance's verify cache at commit, so the new limits apply on the next verify.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type Actor, type RequestFacts } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { notify } from '#services/notifications/notify'
import type { TierChangeCause } from '#contract/tiers'
import { CUSTOMER_TIER_COLUMNS, type CustomerTierColumns, type TierRow } from './rows.js'
import { loadTiers, tierByCode, type TierTable } from './table.js'
import { resolveTier, type ResolvedTier } from './resolve.js'
import { describeLimits } from './wording.js'

/** Columns a caller may change through applyTier (the tier itself is always resolved, never set). */
export type TierColumnsChange = Partial<
  Pick<CustomerTierColumns, 'computed_tier' | 'tier_override' | 'tier_override_until' | 'tier_override_reason' | 'negotiated_tier' | 'unlimited_tpm' | 'custom_tpm'>
>

export type TierChange = {
  cause: TierChangeCause
  set?: TierColumnsChange
  reason?: string | null
  actor: Actor
  facts?: RequestFacts
  /** The table to resolve against (a tier edit passes the table as it will be). */
  tiers?: TierTable
  /** The customer's tier columns, already locked by the caller. */
  current?: CustomerTierColumns
  /** False when the caller's own audit row already records the change (engine actions). */
  audit?: boolean
  /** False for a backfill that is no news to the customer (demo contracts on record). */
  notify?: boolean
  now?: Date
}

export type AppliedTier = ResolvedTier & { changed: boolean; previous: ResolvedTier; customer: CustomerTierColumns }

/** Locks a customer's row for a tier change (customers before ledger accounts, as holds and staff actions take them). */
export async function lockCustomerTier(trx: TransactionClientContract, customerId: number): Promise<CustomerTierColumns | null> {
  const { rows } = await trx.rawQuery(`SELECT ${CUSTOMER_TIER_COLUMNS.join(', ')} FROM customers WHERE id = ? FOR NO KEY UPDATE`, [customerId])
  return rows[0] ?? null
}

export async function applyTier(trx: TransactionClientContract, customerId: number, change: TierChange): Promise<AppliedTier> {
  const current = change.current ?? (await lockCustomerTier(trx, customerId))
  if (!current) throw new Error(`customer ${customerId} does not exist`)
  const tiers = change.tiers ?? (await loadTiers(trx))
  const now = change.now ?? new Date()
  const previous: ResolvedTier = { tier: current.tier, source: current.tier_source, rpm: current.rpm_limit, tpm: current.tpm_limit === null ? null : String(current.tpm_limit) }
  const next: CustomerTierColumns = { ...current, ...(change.set ?? {}) }
  const resolved = resolveTier(next, tiers, now)
  const changed = resolved.tier !== previous.tier || resolved.source !== previous.source || resolved.rpm !== previous.rpm || resolved.tpm !== previous.tpm
  const columnsChanged = Object.entries(change.set ?? {}).some(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify((current as any)[k] ?? null))
  const written: CustomerTierColumns = { ...next, tier: resolved.tier, tier_source: resolved.source, rpm_limit: resolved.rpm, tpm_limit: resolved.tpm }
  if (!changed && !columnsChanged) return { ...resolved, changed, previous, customer: current }

  await trx
    .from('customers')
    .where('id', customerId)
    .update({ ...(change.set ?? {}), tier: resolved.tier, tier_source: resolved.source, rpm_limit: resolved.rpm, tpm_limit: resolved.tpm, updated_at: now })
  if (!changed) return { ...resolved, changed, previous, customer: written }

  await trx.insertQuery().table('tier_history').insert({
    customer_id: customerId,
    from_tier: previous.tier,
    to_tier: resolved.tier,
    from_source: previous.source,
    source: resolved.source,
    cause: change.cause,
    reason: change.reason ?? null,
    rpm_limit: resolved.rpm,
    tpm_limit: resolved.tpm,
    recharged_total: String(next.recharged_total),
    actor_type: change.actor.type,
    actor_id: change.actor.id,
    actor_label: change.actor.label,
  })
  if (change.audit !== false) {
    await audit.record(
      trx,
      {
        action: 'tier.change',
        resource: 'users',
        recordId: customerId,
        before: { tier: previous.tier, tier_source: previous.source, rpm_limit: previous.rpm, tpm_limit: previous.tpm },
        after: { tier: resolved.tier, tier_source: resolved.source, rpm_limit: resolved.rpm, tpm_limit: resolved.tpm },
        metadata: { cause: change.cause, recharged_total: String(next.recharged_total) },
        reason: change.reason ?? null,
      },
      change.actor,
      change.facts ?? NO_REQUEST
    )
  }
  // the customer hears of a new tier or new limits, not of a change of bookkeeping (source alone)
  const news = resolved.tier !== previous.tier || resolved.rpm !== previous.rpm || resolved.tpm !== previous.tpm
  if (news && change.notify !== false) await tellCustomer(trx, customerId, tiers, previous, resolved, change.cause)
  return { ...resolved, changed, previous, customer: written }
}

/** In-app: "upgraded" when the ladder rose, "changed" for anything else (limits, source, a lower tier). */
async function tellCustomer(trx: TransactionClientContract, customerId: number, tiers: TierTable, previous: ResolvedTier, resolved: ResolvedTier, cause: TierChangeCause) {
  const before = tiers.find((t) => t.code === previous.tier)
  const after: TierRow = tierByCode(tiers, resolved.tier)
  const upgraded = !!before && BigInt(after.recharge_from) > BigInt(before.recharge_from)
  const limits = describeLimits(resolved.rpm, resolved.tpm)
  await notify(trx, {
    customerId,
    kind: upgraded ? 'tier_upgraded' : 'tier_changed',
    severity: 'info',
    title: upgraded
      ? { 'en': `Your account is now ${after.name}`, 'zh-CN': `您的账号已升级为${after.name_zh}` }
      : { 'en': `Your account tier: ${after.name}`, 'zh-CN': `您的账号等级：${after.name_zh}` },
    body: limits,
    data: { from: previous.tier, to: resolved.tier, source: resolved.source, cause, rpm: resolved.rpm, tpm: resolved.tpm, max_keys: after.max_keys },
  })
}
