/**
 * Input of the quota API and of a plan's quotas.
 * - consume/check: customer id, a feature code, a whole positive amount and (consume) the caller's
 *   request id;
 * - a plan's quotas: `[{ feature, limit, period }]` (contract PlanQuota), limit a whole number ≥ 0
 *   or null (unlimited), at most one quota per feature and period.
 */
import vine from '@vinejs/vine'
import { QUOTA_PERIODS, type PlanQuota, type QuotaPeriod } from '#contract/quotas'
import { InvalidInput } from '#exceptions/domain_errors'

export const FEATURE_CODE = /^[a-z][a-z0-9_]{0,59}$/
/** Up to 10^15: far above any quota, far below where a JSON number loses precision. */
export const MAX_QUOTA = 1_000_000_000_000_000

const customer = () => vine.number().withoutDecimals().positive().max(Number.MAX_SAFE_INTEGER)
const feature = () => vine.string().trim().regex(FEATURE_CODE)
const amount = () => vine.number().withoutDecimals().min(1).max(MAX_QUOTA)

export const consumeQuotaValidator = vine.create(
  vine.object({
    customer: customer(),
    feature: feature(),
    amount: amount(),
    request_id: vine.string().trim().minLength(1).maxLength(128),
  })
)

/** The query string of GET …/check: numbers arrive as text. */
export const checkQuotaValidator = vine.create(
  vine.object({ customer: customer(), feature: feature(), amount: amount().optional() })
)

const fail = (field: string, message: string) => new InvalidInput([{ field, message, rule: 'quotas' }])

/** A plan's quotas from a form (JSON text or an array); refuses anything else by name. */
export function parseQuotas(raw: unknown, field = 'quotas'): PlanQuota[] {
  let value = raw ?? []
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value || '[]')
    } catch {
      throw fail(field, 'Quotas must be a list such as [{"feature": "video_generations", "limit": 10, "period": "monthly"}]')
    }
  }
  if (!Array.isArray(value)) throw fail(field, 'Quotas must be a list such as [{"feature": "video_generations", "limit": 10, "period": "monthly"}]')
  if (value.length > 50) throw fail(field, 'A plan has at most 50 quotas')
  const seen = new Set<string>()
  return value.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw fail(field, `Quota ${i + 1} must be an object`)
    const extra = Object.keys(item).find((k) => !['feature', 'limit', 'period'].includes(k))
    if (extra) throw fail(field, `Quota ${i + 1}: unknown field "${extra.slice(0, 30)}"`)
    const { feature: code, limit, period } = item as Record<string, unknown>
    if (typeof code !== 'string' || !FEATURE_CODE.test(code)) throw fail(field, `Quota ${i + 1}: the feature code uses a-z, 0-9 and _ (e.g. video_generations)`)
    if (!QUOTA_PERIODS.some((p) => p.value === period)) throw fail(field, `Quota ${i + 1}: the period is daily, monthly or lifetime`)
    if (limit !== null && !(typeof limit === 'number' && Number.isInteger(limit) && limit >= 0 && limit <= MAX_QUOTA)) {
      throw fail(field, `Quota ${i + 1}: the limit is a whole number ≥ 0, or null for unlimited`)
    }
    const key = `${code}:${period}`
    if (seen.has(key)) throw fail(field, `Quota ${i + 1}: ${code} already has a ${period} quota`)
    seen.add(key)
    return { feature: code, limit: limit as number | null, period: period as QuotaPeriod }
  })
}
