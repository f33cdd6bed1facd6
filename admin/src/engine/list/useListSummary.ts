import { keepPreviousData } from '@tanstack/react-query'
import { useCustom, type CrudFilters } from '@refinedev/core'
import type { ListSummary } from '@creditdesk/contract/meta'
import type { ResourceMeta } from '../../meta/types'
import { API_URL } from '../../providers/http'
import { listOptionsOf } from './listMeta'

/**
 * GET /api/admin/<resource>/summary for the list's current filters: count, quick-tab counts and money
 * totals of the filtered rows. Asked for in parallel with the rows (not after them) and only by
 * resources that show tabs or totals; while filters change, the previous figures stay on screen.
 */
export function useListSummary(resource: ResourceMeta, filters: CrudFilters) {
  const options = listOptionsOf(resource)
  const enabled = !!(options.quickTabs?.tabs.length || options.totals?.length)
  const { query } = useCustom<ListSummary>({
    url: `${API_URL}/${resource.name}/summary`,
    method: 'get',
    config: { filters },
    queryOptions: { enabled, placeholderData: keepPreviousData },
    errorNotification: false,
  })
  return { summary: enabled ? query.data?.data : undefined, loading: enabled && query.isFetching, error: query.error }
}
