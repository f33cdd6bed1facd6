/**
 * The reports section (issue 11 §5, PRD §15): which reports exist, how their figures are typed on
 * the wire, and the background export's states. The backend computes (backend/services/reports/),
 * the console draws (admin/src/pages/reports/); both read this list.
 */
import type { EnumOption } from './meta.js'
import { option as s, type Values } from './options.js'
import type { LocalizedText } from './notifications.js'

export const REPORT_GRANULARITIES = [
  s('day', 'default', 'Day', '日'),
  s('week', 'default', 'Week', '周'),
  s('month', 'default', 'Month', '月'),
] as const satisfies readonly EnumOption[]
export type ReportGranularity = Values<typeof REPORT_GRANULARITIES>

/** How a column's values are written on the wire and shown. */
export type ReportColumnType =
  | 'period' // the bucket's first day, YYYY-MM-DD (in the report's zone)
  | 'text'
  | 'count' // integer
  | 'money' // decimal string in the ledger asset, e.g. "12.345678"
  | 'percent' // decimal string 0–100 with up to 2 decimals, or null when the base is 0
  | 'duration_ms'
  | 'tokens'

export type ReportColumn = { key: string; label: LocalizedText; type: ReportColumnType }

/** How the chart of a report is drawn: which column runs along x, which are plotted. */
export type ReportChart = { type: 'line' | 'bar'; x: string; series: string[] }

/** `GET /api/admin/reports` lists these (only what the caller may read). */
export type ReportDescriptor = {
  id: ReportId
  group: ReportGroup
  title: LocalizedText
  /** How the figures are computed, shown as the report's tooltip. */
  how: LocalizedText
  /** Whether the report is cut by time (day/week/month) or a ranking/cohort over the range. */
  shape: 'trend' | 'ranking' | 'cohort'
}

/** `GET /api/admin/reports/:id?from=YYYY-MM-DD&to=YYYY-MM-DD&granularity=day|week|month&zone=IANA` */
export type ReportResult = {
  id: ReportId
  from: string
  to: string
  granularity: ReportGranularity
  zone: string
  currency: string
  columns: ReportColumn[]
  rows: Array<Record<string, string | number | null>>
  totals: Record<string, string | number | null> | null
  chart: ReportChart
}

export const REPORT_GROUPS = [
  s('money', 'gold', 'Money in and out', '收入与支出'),
  s('usage', 'blue', 'Usage and cost', '用量与成本'),
  s('customers', 'green', 'Customers', '用户'),
  s('operations', 'purple', 'Operations', '运营'),
] as const satisfies readonly EnumOption[]
export type ReportGroup = Values<typeof REPORT_GROUPS>

/** Every report, by id (the backend's registry must implement exactly these; a test checks). */
export const REPORT_IDS = [
  'recharge_trend',
  'consumption_trend',
  'package_revenue',
  'revenue_by_day',
  'arrears_rate',
  'gross_margin',
  'cost_by_model',
  'cost_by_channel',
  'refund_rate',
  'risk_interception_rate',
  'active_users',
  'new_user_conversion',
  'retention_cohorts',
  'arpu',
  'mrr',
  'payment_success_rate',
  'generation_success',
  'credit_utilisation',
] as const
export type ReportId = (typeof REPORT_IDS)[number]

export const REPORT_EXPORT_STATUSES = [
  s('queued', 'default', 'Queued', '排队中'),
  s('running', 'blue', 'Running', '生成中'),
  s('done', 'green', 'Ready', '已完成'),
  s('failed', 'red', 'Failed', '失败'),
  s('expired', 'default', 'Expired', '已过期'),
] as const satisfies readonly EnumOption[]
export type ReportExportStatus = Values<typeof REPORT_EXPORT_STATUSES>

/** A background export on the wire (`POST/GET /api/admin/report-exports`). */
export type ReportExportWire = {
  id: number
  report: ReportId
  from: string
  to: string
  granularity: ReportGranularity
  zone: string
  status: ReportExportStatus
  progress: number // 0–100
  rows: number | null
  error: string | null
  /** A signed link that works until `expires_at` (null until done, and after expiry). */
  download_url: string | null
  expires_at: string | null
  created_at: string
  finished_at: string | null
}
