import { describe, expect, it, vi } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import type { ReportDescriptor, ReportExportWire, ReportResult } from '@creditdesk/contract/reports'
import { renderConsole, requestsTo, type MockRoute, type RecordedRequest } from './support/renderConsole'
import { superAdminMeta, supportMeta } from './fixtures/meta'
import type { AdminMeta, ResourceMeta } from '../src/meta/types'

// The chart library draws on canvas, which jsdom lacks: a stand-in shows what it was given.
vi.mock('@ant-design/plots', () => {
  const Plot = (kind: string) => (props: { data: Array<{ x: string; series: string; value: number }> }) => (
    <div data-testid={`plot-${kind}`}>{props.data.map((p) => `${p.x}|${p.series}|${p.value}`).join(';')}</div>
  )
  return { Line: Plot('line'), Column: Plot('column') }
})

const reportsResource = (permissions: string[]): ResourceMeta => ({
  name: 'reports', label: { en: 'Reports', 'zh-CN': '数据报表' }, group: 'dashboard', fields: [], permissions,
})
const withReports = (permissions: string[], base: AdminMeta = superAdminMeta): AdminMeta => ({ ...base, resources: [...base.resources, reportsResource(permissions)] })

const descriptors: ReportDescriptor[] = [
  {
    id: 'recharge_trend', group: 'money', shape: 'trend',
    title: { 'en': 'Recharge trend', 'zh-CN': '充值趋势' },
    how: { 'en': 'Sum of paid recharges per period, refunds subtracted.', 'zh-CN': '每个周期已支付充值之和，扣除退款。' },
  },
  {
    id: 'payment_success_rate', group: 'operations', shape: 'trend',
    title: { 'en': 'Payment success rate', 'zh-CN': '支付成功率' },
    how: { 'en': 'Paid orders ÷ orders created.', 'zh-CN': '已支付订单 ÷ 创建的订单。' },
  },
]

const result = (granularity: string): ReportResult => ({
  id: 'recharge_trend', from: '2026-11-01', to: '2026-11-02', granularity: granularity as ReportResult['granularity'], zone: 'UTC', currency: 'USD',
  columns: [
    { key: 'period', label: { 'en': 'Period', 'zh-CN': '周期' }, type: 'period' },
    { key: 'recharges', label: { 'en': 'Recharges', 'zh-CN': '充值笔数' }, type: 'count' },
    { key: 'amount', label: { 'en': 'Net recharge', 'zh-CN': '净充值' }, type: 'money' },
    { key: 'share', label: { 'en': 'Paid share', 'zh-CN': '支付占比' }, type: 'percent' },
    { key: 'avg_ms', label: { 'en': 'Average time', 'zh-CN': '平均耗时' }, type: 'duration_ms' },
  ],
  rows: [
    { period: '2026-11-01', recharges: 1234, amount: '1500.500000', share: '12.5', avg_ms: 1250 },
    { period: '2026-11-02', recharges: 3, amount: '-20.000000', share: null, avg_ms: 125000 },
  ],
  totals: { period: null, recharges: 1237, amount: '1480.500000', share: '12.34', avg_ms: 450 },
  chart: { type: 'line', x: 'period', series: ['amount'] },
})

const reportRoutes = (): MockRoute[] => [
  ['GET', '/api/admin/reports', { data: { reports: descriptors } }],
  ['GET', '/api/admin/reports/recharge_trend', (req: RecordedRequest) => ({ data: result(req.query.get('granularity') ?? 'day') })],
  ['GET', '/api/admin/report-exports', { data: { exports: [] } }],
]

describe('reports', () => {
  it('lists reports by group, draws the chart and the typed table for the last 30 days in the reader’s zone', async () => {
    const { requests } = renderConsole({ meta: withReports(['view', 'export']), path: '/reports', routes: [...reportRoutes()] })
    const table = await screen.findByTestId('report-table')
    const first = (await within(table).findByText('Nov 1, 2026')).closest('tr')!
    expect(within(first).getByText('1,234')).toBeInTheDocument()
    expect(within(first).getByText('$1,500.50')).toBeInTheDocument()
    expect(within(first).getByText('12.5%')).toBeInTheDocument()
    expect(within(first).getByText('1.25 s')).toBeInTheDocument()
    const second = within(table).getByText('Nov 2, 2026').closest('tr')!
    expect(within(second).getByText('−$20.00')).toBeInTheDocument()
    expect(within(second).getByText('—')).toBeInTheDocument()
    expect(within(second).getByText('2 min 5 s')).toBeInTheDocument()
    const totals = screen.getByTestId('report-totals')
    expect(within(totals).getByText('Totals')).toBeInTheDocument()
    expect(within(totals).getByText('$1,480.50')).toBeInTheDocument()
    expect(within(totals).getByText('12.34%')).toBeInTheDocument()
    expect(within(totals).getByText('450 ms')).toBeInTheDocument()

    expect(await screen.findByTestId('plot-line')).toHaveTextContent('Nov 1, 2026|Net recharge|1500.5;Nov 2, 2026|Net recharge|-20')
    // grouped as the contract groups them, the chosen report named with its tooltip
    const list = screen.getByTestId('report-list')
    expect(within(list).getByText('Money in and out')).toBeInTheDocument()
    expect(within(list).getByText('Operations')).toBeInTheDocument()
    expect(within(list).getByRole('link', { name: 'Payment success rate' })).toHaveAttribute('href', '/reports/payment_success_rate')
    expect(screen.getByRole('heading', { name: 'Recharge trend' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Reports' })).toHaveAttribute('href', '/reports')

    const query = requestsTo(requests, 'GET', '/api/admin/reports/recharge_trend')[0].query
    expect(query.get('granularity')).toBe('day')
    expect(query.get('zone')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
    const days = (Date.parse(query.get('to')!) - Date.parse(query.get('from')!)) / 86_400_000
    expect(Math.round(days)).toBe(29)
    const csv = screen.getByTestId('report-csv').getAttribute('href')!
    expect(csv.startsWith('/api/admin/reports/recharge_trend/csv?')).toBe(true)
    expect(new URLSearchParams(csv.split('?')[1]).get('from')).toBe(query.get('from'))
    expect(new URLSearchParams(csv.split('?')[1]).get('_lang')).toBe('en')
  })

  it('asks for weekly figures when the granularity switches, and the CSV link follows', async () => {
    const { requests, user } = renderConsole({ meta: withReports(['view', 'export']), path: '/reports/recharge_trend', routes: [...reportRoutes()] })
    await screen.findByTestId('report-table')
    await user.click(within(screen.getByTestId('report-granularity')).getByText('Week'))
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/reports/recharge_trend').at(-1)!.query.get('granularity')).toBe('week'))
    await waitFor(() => expect(screen.getByTestId('report-csv').getAttribute('href')).toContain('granularity=week'))
    // a week reads as the week of its first day
    expect(await within(screen.getByTestId('report-table')).findByText('Week of Nov 2, 2026')).toBeInTheDocument()
    await user.click(within(screen.getByTestId('report-granularity')).getByText('Month'))
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/reports/recharge_trend').at(-1)!.query.get('granularity')).toBe('month'))
    // a monthly period reads as the month
    expect(await screen.findAllByText('November 2026')).not.toHaveLength(0)
  })

  it('opens as a shared link says (range, granularity, zone) and keeps those choices when another report is picked', async () => {
    const { requests } = renderConsole({
      meta: withReports(['view', 'export']),
      path: '/reports/recharge_trend?from=2030-01-01&to=2030-01-31&granularity=month&zone=Asia%2FShanghai',
      routes: [...reportRoutes()],
    })
    await screen.findByTestId('report-table')
    const query = requestsTo(requests, 'GET', '/api/admin/reports/recharge_trend')[0].query
    expect([query.get('from'), query.get('to'), query.get('granularity'), query.get('zone')]).toEqual(['2030-01-01', '2030-01-31', 'month', 'Asia/Shanghai'])
    const other = within(screen.getByTestId('report-list')).getByRole('link', { name: 'Payment success rate' })
    expect(new URLSearchParams(other.getAttribute('href')!.split('?')[1]).get('from')).toBe('2030-01-01')
  })

  it('exports in the background: progress, then the download link and its expiry, and the recent list', async () => {
    const job = (over: Partial<ReportExportWire>): ReportExportWire => ({
      id: 5, report: 'recharge_trend', from: '2026-10-29', to: '2026-11-27', granularity: 'day', zone: 'UTC', status: 'queued', progress: 0, rows: null,
      error: null, download_url: null, expires_at: null, created_at: '2026-11-27T10:00:00.000Z', finished_at: null, ...over,
    })
    const done = job({ status: 'done', progress: 100, rows: 30, download_url: '/api/admin/report-exports/5/download?signature=abc', expires_at: '2099-01-01T00:00:00.000Z', finished_at: '2026-11-27T10:00:03.000Z' })
    let polls = 0
    let listed: ReportExportWire[] = []
    const { requests, user } = renderConsole({
      meta: withReports(['view', 'export']),
      path: '/reports/recharge_trend',
      routes: [
        ...reportRoutes().filter(([, path]) => path !== '/api/admin/report-exports'),
        ['GET', '/api/admin/report-exports', () => ({ data: { exports: listed } })],
        ['POST', '/api/admin/report-exports', () => ({ status: 201, data: job({}) })],
        ['GET', '/api/admin/report-exports/5', () => {
          polls++
          if (polls < 2) return { data: job({ status: 'running', progress: 40 }) }
          listed = [done]
          return { data: done }
        }],
      ],
    })
    await screen.findByTestId('report-table')
    expect(await screen.findByText('No exports yet')).toBeInTheDocument()
    await user.click(screen.getByTestId('report-export'))
    const body = requestsTo(requests, 'POST', '/api/admin/report-exports')[0].body as Record<string, string>
    expect(body.report).toBe('recharge_trend')
    expect(body.granularity).toBe('day')
    expect(body.zone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
    expect(body.lang).toBe('en')
    const progress = await screen.findByTestId('report-export-progress')
    await waitFor(() => expect(within(progress).getByText('40%')).toBeInTheDocument())
    const link = await within(progress).findByTestId('export-download-5', {}, { timeout: 8000 })
    expect(link).toHaveAttribute('href', '/api/admin/report-exports/5/download?signature=abc')
    expect(within(progress).getByText(/Link expires Jan 1, 2099/)).toBeInTheDocument()
    expect(within(progress).getByText('30 rows')).toBeInTheDocument()
    const recent = screen.getByTestId('report-exports')
    await waitFor(() => expect(within(recent).getByTestId('export-download-5')).toBeInTheDocument())
    expect(within(recent).getByText('Recharge trend')).toBeInTheDocument()
    expect(polls).toBe(2)
  }, 20000)

  it('reads in Chinese: titles, dates, money and units', async () => {
    renderConsole({ meta: withReports(['view', 'export']), path: '/reports', routes: [...reportRoutes()], lang: 'zh-CN' })
    const table = await screen.findByTestId('report-table')
    expect(await within(table).findByText('2026年11月1日')).toBeInTheDocument()
    expect(within(table).getByText('US$1,500.50')).toBeInTheDocument()
    expect(within(table).getByText('2 分 5 秒')).toBeInTheDocument()
    expect(within(table).getAllByText('净充值').length).toBeGreaterThan(0)
    expect(screen.getByRole('heading', { name: '充值趋势' })).toBeInTheDocument()
    expect(screen.getByText('收入与支出')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /后台导出/ })).toBeInTheDocument()
    expect(screen.getByText('下载 CSV')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: '数据报表' })).toBeInTheDocument()
  })

  it('offers no CSV or export without reports: export, and no menu entry without reports: view', async () => {
    renderConsole({ meta: withReports(['view'], supportMeta), path: '/reports', routes: [...reportRoutes()] })
    await screen.findByTestId('report-table')
    expect(screen.queryByTestId('report-csv')).toBeNull()
    expect(screen.queryByTestId('report-export')).toBeNull()
    expect(screen.getByRole('link', { name: 'Reports' })).toBeInTheDocument()
  })

  it('has no menu entry for a role without the reports permission', async () => {
    renderConsole({ meta: supportMeta, path: '/', routes: [['GET', '/api/admin/dashboard/summary', { data: {} }]] })
    await screen.findByText('Dashboard', { selector: 'h3' })
    expect(screen.queryByRole('link', { name: 'Reports' })).toBeNull()
  })

  it('answers 403 at /reports for a role without the reports permission, without asking the server', async () => {
    const { requests } = renderConsole({ meta: supportMeta, path: '/reports', routes: [...reportRoutes()] })
    expect(await screen.findByText('You do not have access to this page.')).toBeInTheDocument()
    expect(requestsTo(requests, 'GET', '/api/admin/reports')).toHaveLength(0)
  })
})
