/** Rows of the tier tables as the pg driver returns them (bigints as strings; database/migrations/0055). */
import type { TierSource } from '#contract/tiers'

export type TierRow = {
  code: string
  name: string
  name_zh: string
  color: string
  recharge_from: string
  recharge_to: string | null
  rpm: number
  tpm: string | null
  max_keys: number
  price_multiplier: string
  sort: number
  may_downgrade: boolean
  version: number
  updated_by: string | null
  created_at: Date
  updated_at: Date
}

/** The tier columns of a customer, what resolving its tier reads. */
export type CustomerTierColumns = {
  id: string
  type: string
  tier: string
  tier_source: TierSource
  computed_tier: string
  recharged_total: string
  tier_override: string | null
  tier_override_until: Date | null
  tier_override_reason: string | null
  negotiated_tier: string | null
  unlimited_tpm: boolean
  custom_tpm: string | null
  rpm_limit: number | null
  tpm_limit: string | null
}

export const CUSTOMER_TIER_COLUMNS = [
  'id',
  'type',
  'tier',
  'tier_source',
  'computed_tier',
  'recharged_total',
  'tier_override',
  'tier_override_until',
  'tier_override_reason',
  'negotiated_tier',
  'unlimited_tpm',
  'custom_tpm',
  'rpm_limit',
  'tpm_limit',
] as const
