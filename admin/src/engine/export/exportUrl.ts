import type { CrudFilters, CrudSort } from '@refinedev/core'
import { generateFilter, generateSort, stringify } from '@refinedev/simple-rest'
import dayjs from 'dayjs'
import { API_URL } from '../../providers/http'

/** Who reads the file: the server writes labels and times in this language and time zone. */
export interface Reader {
  lang: string
  timeZone?: string
}

/**
 * GET /api/admin/{r}/export with the list's current filters and sort, encoded exactly as the
 * simple-rest provider encodes getList (same helpers), minus pagination: export means all rows.
 */
export function buildExportUrl(resource: string, filters: CrudFilters = [], sorters: CrudSort[] = [], reader?: Reader): string {
  const query: Record<string, unknown> = { ...generateFilter(filters) }
  if (reader) {
    query._lang = reader.lang
    if (reader.timeZone) query._tz = reader.timeZone
  }
  const sort = generateSort(sorters)
  if (sort) {
    query._sort = sort._sort.join(',')
    query._order = sort._order.join(',')
  }
  const qs = stringify(query)
  return `${API_URL}/${resource}/export${qs ? `?${qs}` : ''}`
}

/** "users-20261122-0905.csv" in the viewer's local time. */
export function exportFileName(resource: string, now: Date = new Date()): string {
  return `${resource}-${dayjs(now).format('YYYYMMDD-HHmm')}.csv`
}
