import type { HttpContext } from '@adonisjs/core/http'
import { acting } from '#services/portal/acting'
import { applySort, parseListQuery } from '#engine/list_query'
import { filteredQuery, selectFields, serveList } from '#engine/list'
import { exportSettings } from '#engine/export_columns'
import { ownKeyId, portalUsage, presentUsage, usageQuery } from '#services/portal/usage_list'
import { usageSummary } from '#services/portal/usage_summary'
import { streamUsageCsv } from '#services/portal/usage_export'
import { BadRequest } from '#exceptions/domain_errors'
import { ACTING_ORG_PARAM } from '#contract/orgs'

const SUMMARY_KEYS = ['from', 'to', 'tz', 'api_key_id']

/**
 * The usage of the account acted in: the request list (list contract, that account's rows only)
 * and the same rows as CSV (usage.view), and the totals by day and by model for the usage charts
 * (dashboard.view).
 */
export default class PortalUsageController {
  /** GET /api/portal/usage?_start&_end&_sort&_order&model=&api_key_id=&status=&started_at_gte=&started_at_lte=&request_id= */
  async index(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'usage.view')
    const plan = parseListQuery(portalUsage, await usageQuery(customerId, ctx.request.qs()))
    return serveList(ctx, portalUsage, plan, presentUsage, (query) => query.where('customer_id', customerId))
  }

  /** GET /api/portal/usage/export?<the list's filters and sort>&_lang&_tz → text/csv of every matching own row */
  async export(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'usage.view')
    const qs = ctx.request.qs()
    const { locale, zone } = exportSettings(qs, ctx.request.header('accept-language'))
    const plan = parseListQuery(portalUsage, await usageQuery(customerId, qs), { paginate: false })
    const query = selectFields(applySort(filteredQuery(portalUsage, plan, (q) => q.where('customer_id', customerId)), plan), portalUsage)
    const { sql, bindings } = query.toSQL()
    return streamUsageCsv(ctx, sql, bindings, locale, zone)
  }

  /** GET /api/portal/usage/summary?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=Area/City&api_key_id= → { currency, tz, from, to, days, models, totals } */
  async summary(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'dashboard.view')
    const qs = ctx.request.qs()
    const unknown = Object.keys(qs).find((key) => !SUMMARY_KEYS.includes(key) && key !== ACTING_ORG_PARAM)
    if (unknown) throw new BadRequest(`Unknown summary parameter "${unknown}" (use ${SUMMARY_KEYS.join(', ')})`)
    const { from, to, tz, api_key_id: keyId } = qs
    const apiKeyId = keyId === undefined ? undefined : await ownKeyId(customerId, keyId)
    return usageSummary(customerId, { from, to, tz, api_key_id: apiKeyId })
  }

}
