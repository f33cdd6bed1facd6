/**
 * Customer tiers (issue 11 §1, PRD §4): where a customer's tier comes from, why it changed, and
 * the tier as the portal and the console's customer page receive it. The tiers themselves (names,
 * thresholds, limits) are rows of the `tiers` table, edited in the console.
 */
import type { EnumOption } from './meta.js'
import { option as s, type Values } from './options.js'

/** Which rule gives a customer its tier (customers.tier_source). */
export const TIER_SOURCES = [
  s('computed', 'blue', 'From recharges', '按充值计算'),
  s('override', 'orange', 'Staff override', '人工调级'),
  s('negotiated', 'purple', 'Negotiated terms', '协议等级'),
] as const satisfies readonly EnumOption[]

/** What changed a customer's tier or limits (tier_history.cause). */
export const TIER_CHANGE_CAUSES = [
  s('recharge', 'green', 'Recharge', '充值'),
  s('override_set', 'orange', 'Override set', '设置人工调级'),
  s('override_cleared', 'default', 'Override cleared', '取消人工调级'),
  s('override_expired', 'default', 'Override ended', '人工调级到期'),
  s('negotiated_terms', 'purple', 'Negotiated terms', '协议条款'),
  s('tier_edited', 'blue', 'Tier table edited', '等级表修改'),
] as const satisfies readonly EnumOption[]

export type TierSource = Values<typeof TIER_SOURCES>
export type TierChangeCause = Values<typeof TIER_CHANGE_CAUSES>

/**
 * A customer's tier on the wire (portal `GET /api/portal/auth/me` → `tier`, console
 * `GET /api/admin/users/:id/tier`). `rpm` / `tpm` are the effective limits (null = unlimited);
 * `next` is the tier the next recharges reach and how much is still needed (a decimal string in
 * the ledger's asset), null at the top or when the tier does not come from recharges.
 */
export type CustomerTierWire = {
  code: string
  name: { 'en': string; 'zh-CN': string }
  source: TierSource
  rpm: number | null
  tpm: number | null
  max_keys: number
  recharged_total: string
  override_until: string | null
  next: { code: string; name: { 'en': string; 'zh-CN': string }; recharge_needed: string } | null
}
