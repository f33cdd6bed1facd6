import type { HttpContext } from '@adonisjs/core/http'
import { BadRequest } from '#exceptions/domain_errors'
import { findResource } from '#engine/registry'
import { parseListQuery } from '#engine/list_query'
import { filteredQuery } from '#engine/list'
import { labelRows } from '#engine/labels'
import { accessOf } from '#engine/access'
import { perform } from '#abilities/main'
import { GROUP_DIMENSIONS, groupedUsage, type GroupDimension } from '#services/usage_reports/grouped_usage'

/**
 * GET /api/admin/usage/grouped?by=model|channel|key|customer&<the consumption detail's filters>
 * → { by, groups: [{ key, label, requests, …tokens, charged, cost, margin, cache_savings }], totals }
 * (usage-records:view). The filters are read exactly as the usage-records list reads them, so a
 * filter the list refuses is refused here and the totals equal the list's for the same query.
 */
export default class UsageGroupsController {
  async index(ctx: HttpContext) {
    const resource = findResource('usage-records')!
    const { by, ...filters } = ctx.request.qs()
    if (typeof by !== 'string' || !Object.hasOwn(GROUP_DIMENSIONS, by)) {
      throw new BadRequest(`"by" must be one of ${Object.keys(GROUP_DIMENSIONS).join(', ')}`)
    }
    const sensitive = await ctx.bouncer.allows(perform, resource.name, 'view_sensitive')
    const plan = parseListQuery(resource, filters, { paginate: false, canSeeSensitive: sensitive })
    const { groups, totals } = await groupedUsage(filteredQuery(resource, plan), by as GroupDimension)
    const field = GROUP_DIMENSIONS[by as GroupDimension]
    const labels = await labelRows(resource, groups.map((group) => ({ [field]: group.key })), accessOf(ctx), sensitive)
    return { by, groups: groups.map((group, i) => ({ ...group, label: labels[i][field] ?? null })), totals }
  }
}
