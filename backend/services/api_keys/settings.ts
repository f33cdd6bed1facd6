/**
 * A key's settings as a customer (portal) or staff (console edit_limits) writes them: name,
 * expiry, allowed models, IP allowlist, RPM/TPM caps and daily/monthly spend caps. Each bad value
 * is a field error naming the field; nothing is written unless every field is valid.
 *
 * - allowed_models: codes of existing models (usage_models.code); an empty list means every model.
 * - ip_allowlist: IPv4/IPv6 addresses or CIDR blocks; an empty list means every address.
 * - rpm_limit, tpm_limit: positive integers; spend caps: decimal money strings > 0; null clears one.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { InvalidInput, type FieldError } from '#exceptions/domain_errors'
import { toUnits } from '#services/ledger/amounts'
import { parseEntry } from './ip_allowlist.js'

export const LIMIT_FIELDS = ['allowed_models', 'ip_allowlist', 'rpm_limit', 'tpm_limit', 'daily_spend_cap', 'monthly_spend_cap'] as const
export const SETTING_FIELDS = ['name', 'expires_at', ...LIMIT_FIELDS] as const
type Setting = (typeof SETTING_FIELDS)[number]

const MAX_LIST = 100
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const MAX_INT = 2_147_483_647
const LABELS: Record<Setting, string> = {
  name: 'Name',
  expires_at: 'Expiry',
  allowed_models: 'Allowed models',
  ip_allowlist: 'IP allowlist',
  rpm_limit: 'Requests per minute',
  tpm_limit: 'Tokens per minute',
  daily_spend_cap: 'Daily spend cap',
  monthly_spend_cap: 'Monthly spend cap',
}

function stringList(field: Setting, value: unknown, errors: FieldError[]): string[] | undefined {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v.trim() || v.length > 100)) {
    errors.push({ field, message: `${LABELS[field]} must be a list of texts`, rule: 'array' })
    return undefined
  }
  if (value.length > MAX_LIST) {
    errors.push({ field, message: `${LABELS[field]} may hold at most ${MAX_LIST} entries`, rule: 'maxLength' })
    return undefined
  }
  return [...new Set(value.map((v: string) => v.trim()))]
}

function positiveInt(field: Setting, value: unknown, errors: FieldError[]) {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_INT) {
    errors.push({ field, message: `${LABELS[field]} must be a whole number greater than zero`, rule: 'positive' })
    return undefined
  }
  return value as number
}

function capUnits(field: Setting, value: unknown, errors: FieldError[]) {
  try {
    return toUnits(value, field, { label: LABELS[field] }).toString()
  } catch (error: any) {
    errors.push(...(error.errors ?? [{ field, message: `${LABELS[field]} is not a valid amount`, rule: 'amount' }]))
    return undefined
  }
}

/**
 * Validates the settings present in `body` (only `allowed` may appear) and returns the column
 * values to write. `required` names settings that must be present (a new key's name).
 */
export async function parseSettings(client: QueryClientContract, body: Record<string, unknown>, allowed: readonly Setting[], required: Setting[] = []) {
  const errors: FieldError[] = []
  const values: Record<string, unknown> = {}
  for (const field of required) {
    if (body[field] === undefined || body[field] === null) errors.push({ field, message: `${LABELS[field]} is required`, rule: 'required' })
  }
  for (const field of allowed) {
    const value = body[field]
    if (value === undefined || (value === null && required.includes(field))) continue
    if (value === null) {
      values[field] = null
      continue
    }
    switch (field) {
      case 'name':
        if (typeof value !== 'string' || !value.trim() || value.trim().length > 100 || LONE_SURROGATE.test(value)) {
          errors.push({ field, message: 'Name must be 1 to 100 characters', rule: 'length' })
        } else values.name = value.trim()
        break
      case 'expires_at': {
        const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null
        if (!at || Number.isNaN(at.getTime())) errors.push({ field, message: 'Expiry must be an ISO 8601 time', rule: 'date' })
        else if (at.getTime() <= Date.now()) errors.push({ field, message: 'Expiry must be in the future', rule: 'after' })
        else values.expires_at = at
        break
      }
      case 'allowed_models': {
        const codes = stringList(field, value, errors)
        if (!codes) break
        if (codes.length) {
          const known = await client.from('usage_models').whereIn('code', codes).select('code')
          const unknown = codes.filter((c) => !known.some((k) => k.code === c))
          if (unknown.length) errors.push({ field, message: `Unknown model: ${unknown.join(', ')}`, rule: 'exists' })
        }
        values.allowed_models = codes.length ? codes : null
        break
      }
      case 'ip_allowlist': {
        const entries = stringList(field, value, errors)
        if (!entries) break
        const bad = entries.filter((e) => !parseEntry(e))
        if (bad.length) errors.push({ field, message: `Not an IP address or CIDR block: ${bad.join(', ')}`, rule: 'ip' })
        values.ip_allowlist = entries.length ? entries.map((e) => e.toLowerCase()) : null
        break
      }
      case 'rpm_limit':
      case 'tpm_limit':
        values[field] = positiveInt(field, value, errors)
        break
      case 'daily_spend_cap':
      case 'monthly_spend_cap':
        values[field] = capUnits(field, value, errors)
        break
    }
  }
  if (errors.length) throw new InvalidInput(errors)
  return values
}
