/**
 * The reports section's wire (GET /api/admin/reports[/:id[/csv]], /report-exports) and the
 * choices a reader makes: range presets, granularity and time zone. Shapes are the contract's.
 */
import dayjs, { type Dayjs } from 'dayjs'
import { REPORT_GRANULARITIES, type ReportGranularity, type ReportId } from '@creditdesk/contract/reports'
import { API_URL } from '../../providers/http'

export const REPORTS_PATH = '/reports'
export const reportPath = (id: string) => `${REPORTS_PATH}/${id}`

export interface ReportParams {
  from: string
  to: string
  granularity: ReportGranularity
  zone: string
}

export type Range = [Dayjs, Dayjs]

/** The reader's own zone (the browser's), UTC when the browser cannot say. */
export const browserZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

/** Every IANA zone the browser knows, the reader's first; a short list when Intl cannot enumerate them. */
export function zoneChoices(current: string): string[] {
  const all = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? ['UTC', 'Asia/Shanghai', 'Europe/London', 'America/New_York']
  return [current, ...(all.includes('UTC') ? [] : ['UTC']), ...all].filter((z, i, list) => list.indexOf(z) === i)
}

export const PRESETS = ['last7', 'last30', 'last90', 'thisMonth', 'thisYear'] as const
export type Preset = (typeof PRESETS)[number]

/** A preset's days, today included, as the reader's calendar counts them. */
export function presetRange(preset: Preset, today: Dayjs = dayjs()): Range {
  const end = today.startOf('day')
  switch (preset) {
    case 'last7': return [end.subtract(6, 'day'), end]
    case 'last30': return [end.subtract(29, 'day'), end]
    case 'last90': return [end.subtract(89, 'day'), end]
    case 'thisMonth': return [end.startOf('month'), end]
    case 'thisYear': return [end.startOf('year'), end]
  }
}

export const dayText = (day: Dayjs) => day.format('YYYY-MM-DD')

const DAY = /^\d{4}-\d{2}-\d{2}$/
const GRANULARITY_VALUES: readonly string[] = REPORT_GRANULARITIES.map((g) => g.value)

/**
 * The reader's choices as the page's URL keeps them (?from&to&granularity&zone), so a report can be
 * shared or reloaded as seen; anything missing or malformed falls back to the last 30 days, by day,
 * in the reader's zone.
 */
export function choicesFrom(search: URLSearchParams): { range: Range; granularity: ReportGranularity; zone: string } {
  const from = search.get('from') ?? ''
  const to = search.get('to') ?? ''
  const start = DAY.test(from) ? dayjs(from) : null
  const end = DAY.test(to) ? dayjs(to) : null
  const range: Range = start?.isValid() && end?.isValid() && !end.isBefore(start) ? [start, end] : presetRange('last30')
  const asked = search.get('granularity') ?? ''
  const granularity = (GRANULARITY_VALUES.includes(asked) ? asked : 'day') as ReportGranularity
  return { range, granularity, zone: search.get('zone') || browserZone() }
}

export function reportParams(range: Range, granularity: ReportGranularity, zone: string): ReportParams {
  return { from: dayText(range[0]), to: dayText(range[1]), granularity, zone }
}

export const reportUrl = (id: ReportId | string) => `${API_URL}/reports/${encodeURIComponent(id)}`

/** The CSV of the same figures (same range, granularity and zone, headings in `lang`); a plain same-origin link. */
export const csvUrl = (id: ReportId | string, params: ReportParams, lang: string) =>
  `${reportUrl(id)}/csv?${new URLSearchParams({ ...params, _lang: lang }).toString()}`

export const EXPORTS_URL = `${API_URL}/report-exports`
