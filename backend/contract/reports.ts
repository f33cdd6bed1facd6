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
  /** Who asked for it (its email): shown to super_admin, who sees everyone's exports. */
  requested_by?: string | null
}

const PERIODS_EN = 'Periods are days, weeks (from Monday) or months of the chosen time zone.'
const PERIODS_ZH = '周期按所选时区的日、周（周一开始）或月划分。'
const ASSET_EN = 'Amounts are in the ledger asset: what paid orders credited (an order in another currency counts at what it credited).'
const ASSET_ZH = '金额以账本单位计：已支付订单入账的额度（其他币种的订单按其入账额度计）。'

const report = (id: ReportId, group: ReportGroup, shape: ReportDescriptor['shape'], title: [string, string], how: [string, string]): ReportDescriptor => ({
  id,
  group,
  shape,
  title: { 'en': title[0], 'zh-CN': title[1] },
  how: { 'en': how[0], 'zh-CN': how[1] },
})

/** Every report with its title and how it is computed (the console's tooltip), in REPORT_IDS order. */
export const REPORTS: readonly ReportDescriptor[] = [
  report('recharge_trend', 'money', 'trend', ['Recharge trend', '充值趋势'], [
    `Paid recharge orders by the time they were paid: how many, how many customers paid, and the amount they credited. Refunds are not subtracted (see Refund rate). ${ASSET_EN} ${PERIODS_EN}`,
    `按支付时间统计已支付的充值订单：订单数、付款用户数及入账金额；不扣除退款（见退款率）。${ASSET_ZH}${PERIODS_ZH}`,
  ]),
  report('consumption_trend', 'usage', 'trend', ['Consumption trend', '消耗趋势'], [
    `Metered usage by the time each request started: requests, input and output tokens, and the amount charged to customers. Read from the hourly/daily usage rollups. ${PERIODS_EN} In zones that are not a whole number of hours from UTC, periods are cut at the nearest UTC hour.`,
    `按请求开始时间统计计量用量：请求数、输入与输出 Token 数及向用户收取的金额，数据来自按小时/按日的用量汇总。${PERIODS_ZH}与 UTC 相差非整小时的时区按最近的 UTC 整点切分。`,
  ]),
  report('package_revenue', 'money', 'ranking', ['Package sales ranking', '套餐销售排行'], [
    `Orders paid in the range, by package: orders sold, revenue and its share of the range's revenue, most sold first. Orders without a package (custom offline amounts) are one row. ${ASSET_EN}`,
    `区间内已支付的订单按套餐汇总：销量、收入及其占区间收入的比例，按销量从高到低排列；无套餐的订单（线下自定义金额）合为一行。${ASSET_ZH}`,
  ]),
  report('revenue_by_day', 'money', 'trend', ['Revenue by day', '每日收入'], [
    `Every day of the range (whatever the granularity): orders paid, revenue, refunds paid out that day, net revenue and the running net total since the first day. ${ASSET_EN}`,
    `区间内的每一天（不受粒度影响）：已支付订单数、收入、当天完成的退款、净收入及自首日起的累计净收入。${ASSET_ZH}`,
  ]),
  report('arrears_rate', 'money', 'trend', ['Arrears rate', '欠费率'], [
    `Customers owing money at the end of each period (their arrears balance below zero) ÷ customers with usage in the period, and the amount owed then. A customer owing without usage in the period still counts as owing, so the rate can pass 100 %. ${PERIODS_EN}`,
    `每个周期结束时仍有欠款的用户数（欠款账户余额小于零）÷ 该周期内有用量的用户数，以及当时的欠款总额。周期内无用量但仍欠费的用户也计入欠费，因此比例可能超过 100%。${PERIODS_ZH}`,
  ]),
  report('gross_margin', 'usage', 'trend', ['Gross margin', '毛利'], [
    `Usage revenue (the amount charged for requests) minus the provider cost of the same requests (channel cost prices), and margin ÷ revenue. From the usage rollups. ${PERIODS_EN}`,
    `用量收入（请求收取的金额）减去同一批请求的上游成本（渠道成本价），以及毛利 ÷ 收入，数据来自用量汇总。${PERIODS_ZH}`,
  ]),
  report('cost_by_model', 'usage', 'ranking', ['Cost by model', '模型成本贡献'], [
    'Provider cost of the range\'s usage by model, highest first, with each model\'s share of the total cost, its requests, revenue and margin. From the usage rollups.',
    '区间内用量的上游成本按模型汇总，从高到低，附各模型占总成本的比例、请求数、收入与毛利，数据来自用量汇总。',
  ]),
  report('cost_by_channel', 'usage', 'ranking', ['Cost by channel', '渠道成本贡献'], [
    'Provider cost of the range\'s usage by upstream channel, highest first, with each channel\'s share of the total cost, its requests, revenue and margin. Requests served without a channel are one row. From the usage rollups.',
    '区间内用量的上游成本按上游渠道汇总，从高到低，附各渠道占总成本的比例、请求数、收入与毛利；无渠道的请求合为一行，数据来自用量汇总。',
  ]),
  report('refund_rate', 'money', 'trend', ['Refund rate', '退款率'], [
    `Refunds paid out in each period (our refunds when they succeeded, and refunds made on the provider's side) ÷ revenue paid in the same period. ${ASSET_EN} ${PERIODS_EN}`,
    `每个周期内完成的退款（本系统发起且成功的退款，以及支付渠道侧发起的退款）÷ 同一周期内的已付收入。${ASSET_ZH}${PERIODS_ZH}`,
  ]),
  report('risk_interception_rate', 'operations', 'trend', ['Risk interception rate', '风险拦截率'], [
    `Key verifications refused ÷ all key verifications in each period, with the refusals by reason (unknown or locked key, IP or model not allowed, rate limit, spend cap, insufficient funds …). Counted per UTC hour by the verify service. ${PERIODS_EN}`,
    `每个周期内被拒绝的密钥校验次数 ÷ 全部校验次数，并按拒绝原因（无效或锁定的密钥、IP 或模型不允许、限流、消费上限、余额不足等）列出。由校验服务按 UTC 小时计数。${PERIODS_ZH}`,
  ]),
  report('active_users', 'customers', 'trend', ['Active users (DAU / MAU)', '活跃用户（DAU / MAU）'], [
    `Customers with at least one metered request in the period (per day: DAU, per month: MAU), the average of the daily actives over the period's days, and that average ÷ the period's actives (stickiness; DAU/MAU by month). From the usage rollups. ${PERIODS_EN}`,
    `周期内至少有一次计量请求的用户数（按日即 DAU，按月即 MAU）、周期内每日活跃用户的平均值，以及该平均值 ÷ 周期活跃用户数（粘性；按月即 DAU/MAU），数据来自用量汇总。${PERIODS_ZH}`,
  ]),
  report('new_user_conversion', 'customers', 'cohort', ['New-user conversion', '新用户转化'], [
    `Customers who registered in each period, how many of them paid a recharge order within 7 days of registering, and how many have paid one by now, each ÷ the registered. ${PERIODS_EN}`,
    `每个周期注册的用户数，其中注册后 7 天内完成首笔充值支付的人数，以及截至目前已付过款的人数，均除以注册人数。${PERIODS_ZH}`,
  ]),
  report('retention_cohorts', 'customers', 'cohort', ['Retention cohorts', '留存分析'], [
    'Customers by the week they registered (weeks from Monday, in the chosen zone; always weekly), and how many of them made a metered request in the first and in the fourth week after their registration week, each ÷ the cohort. A week not over yet counts what happened so far.',
    '按注册所在周（周一开始，所选时区；始终按周）分组的用户，以及其中在注册周之后第 1 周和第 4 周有计量请求的人数，均除以该组人数。尚未结束的周按目前数据计算。',
  ]),
  report('arpu', 'customers', 'trend', ['ARPU', 'ARPU（每用户平均收入）'], [
    `Revenue paid in the period ÷ customers active in it (with usage), and ÷ customers who paid in it (ARPPU). ${ASSET_EN} ${PERIODS_EN}`,
    `周期内已付收入 ÷ 周期内活跃（有用量）的用户数，以及 ÷ 周期内付款的用户数（ARPPU）。${ASSET_ZH}${PERIODS_ZH}`,
  ]),
  report('mrr', 'money', 'trend', ['MRR', '月度经常性收入（MRR）'], [
    `Credit is prepaid, not a subscription, so MRR here is each calendar month's revenue paid net of the refunds paid out in that month, and its change from the previous month. Always by month, in the chosen zone. ${ASSET_EN}`,
    `额度为预付而非订阅，因此这里的 MRR 指每个自然月的已付收入减去当月完成的退款，以及与上月相比的变化。始终按月，按所选时区。${ASSET_ZH}`,
  ]),
  report('payment_success_rate', 'money', 'trend', ['Payment success rate', '支付成功率'], [
    `Orders created in each period that reached an outcome: paid ÷ (paid + failed + cancelled or expired unpaid). Orders still waiting for payment are left out. ${PERIODS_EN}`,
    `按创建时间统计已有结果的订单：已支付 ÷（已支付 + 失败 + 取消或超时未付）；仍在等待支付的订单不计入。${PERIODS_ZH}`,
  ]),
  report('generation_success', 'operations', 'trend', ['Generation success rate', '生成任务成功率'], [
    `Generation jobs (video, image, audio …) started in each period: completed ÷ finished (completed + failed), jobs still processing, and the average time from start to completion of the completed ones. ${PERIODS_EN}`,
    `按开始时间统计生成任务（视频、图片、音频等）：成功 ÷ 已结束（成功 + 失败）、仍在处理中的任务数，以及成功任务从开始到完成的平均用时。${PERIODS_ZH}`,
  ]),
  report('credit_utilisation', 'usage', 'trend', ['Credit utilisation', '额度使用率'], [
    `Credit consumed by usage in each period (the amount charged, from the usage rollups) ÷ credit granted in it (recharges credited, codes redeemed, vouchers granted and positive cash adjustments, from the ledger). ${PERIODS_EN}`,
    `每个周期内用量消耗的额度（收取金额，来自用量汇总）÷ 同期发放的额度（充值入账、兑换码兑换、代金券发放及正向余额调整，来自账本）。${PERIODS_ZH}`,
  ]),
]

/** The descriptor of one report. */
export const reportDescriptor = (id: ReportId) => REPORTS.find((r) => r.id === id)!
