/**
 * Checks an edit of a risk rule before it is written (the table's CHECKs would refuse the same
 * values, as a 500): windows in whole hours (the rollups are hourly) from 1 to 24, a baseline of
 * 24 hours to 90 days (so it always covers a window), a factor above 1 (at most 1000, four
 * decimals, read as text — never a float), minimums of the rule's own metric only; the monthly
 * cap rule is only switched on or off. Answers the columns to write, with who wrote them.
 */
import { formatUnits, parseUnits } from '#contract/money'
import { InvalidInput, type FieldError } from '#exceptions/domain_errors'
import type { RiskRuleRow } from './rows.js'

const SPIKE_FIELDS = ['window_minutes', 'baseline_hours', 'factor', 'minimum_spend', 'minimum_requests'] as const

export function prepareRuleUpdate(values: Record<string, any>, current: RiskRuleRow, actorId: number | null) {
  const errors: FieldError[] = []
  const fail = (field: string, message: string, rule: string) => errors.push({ field, message, rule })
  const given = (field: string) => field in values && values[field] !== null && values[field] !== undefined

  if (current.kind === 'monthly_cap_exceeded') {
    for (const field of SPIKE_FIELDS) if (given(field)) fail(field, `"${field}" does not apply to the monthly cap rule (it is only switched on or off)`, 'notApplicable')
  } else {
    const own = current.kind === 'spend_spike' ? 'minimum_spend' : 'minimum_requests'
    const other = current.kind === 'spend_spike' ? 'minimum_requests' : 'minimum_spend'
    for (const field of ['window_minutes', 'baseline_hours', 'factor', own]) {
      if (field in values && (values[field] === null || values[field] === undefined)) fail(field, `"${field}" is required for this rule`, 'required')
    }
    if (given(other)) fail(other, `"${other}" does not apply to this rule (it uses ${own})`, 'notApplicable')

    if (given('window_minutes')) {
      const w = values.window_minutes
      if (!Number.isInteger(w) || w < 60 || w > 1440 || w % 60 !== 0) fail('window_minutes', 'The window must be whole hours: 60, 120 … 1440 minutes', 'window')
    }
    if (given('baseline_hours')) {
      const b = values.baseline_hours
      if (!Number.isInteger(b) || b < 24 || b > 2160) fail('baseline_hours', 'The baseline must be a whole number of hours from 24 to 2160 (90 days)', 'range')
    }
    if (given('factor')) {
      const text = String(values.factor).trim()
      const units = /^\d{1,4}(\.\d{1,4})?$/.test(text) ? parseUnits(text, 4) : null
      if (units === null) fail('factor', 'The factor must be a decimal like 5 or 2.5 (four decimals at most)', 'decimal')
      else if (units <= 10_000n || units > 10_000_000n) fail('factor', 'The factor must be more than 1 and at most 1000', 'range')
      else values.factor = formatUnits(units, 4)
    }
    if (given('minimum_spend') && BigInt(values.minimum_spend) < 0n) fail('minimum_spend', 'The minimum spend cannot be negative', 'min')
    if (given('minimum_requests')) {
      const m = values.minimum_requests
      if (!Number.isInteger(m) || m < 0 || m > 1e12) fail('minimum_requests', 'The minimum number of requests must be a whole number, 0 or more', 'integer')
    }
  }
  if (errors.length) throw new InvalidInput(errors)
  return Object.keys(values).length ? { ...values, updated_by: actorId } : values
}
