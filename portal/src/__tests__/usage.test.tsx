import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { mockApi, signedIn, walletRoutes, type RecordedRequest } from '../test/mockApi'
import { renderApp } from '../test/render'

const days = Array.from({ length: 30 }, (_, i) => ({
  date: `2026-11-${String(i + 1).padStart(2, '0')}`,
  requests: i === 1 ? 3 : i === 4 ? 1 : 0,
  tokens: i === 1 ? 4500 : i === 4 ? 100 : 0,
  charged: i === 1 ? '1.750000' : i === 4 ? '0.000003' : '0.000000',
}))
const summary = {
  currency: 'USD',
  tz: 'UTC',
  from: '2026-11-01',
  to: '2026-11-30',
  days,
  models: [
    { model: 'gpt-4o-mini', name: 'GPT-4o mini', requests: 3, tokens: 4500, charged: '1.750000' },
    { model: 'veo-3-fast', name: 'Veo 3 Fast', requests: 1, tokens: 100, charged: '0.000003' },
  ],
  totals: { requests: 4, tokens: 4600, charged: '1.750003' },
}
const row = {
  id: 11,
  started_at: '2026-11-02T10:00:00.000Z',
  request_id: 'req-abc-123',
  api_key_id: 4,
  key_prefix: 'Ab3dEf7h',
  key_name: 'Production',
  model: 'gpt-4o-mini',
  model_name: 'GPT-4o mini',
  status: 'error',
  input_tokens: 1000,
  output_tokens: 500,
  cache_read_tokens: 200,
  cache_write_tokens: 0,
  units: '0',
  charged: '0.000125',
  cache_savings: '0.000010',
  latency_ms: 1234,
}

function routes(extra = {}) {
  return {
    ...walletRoutes,
    'GET /auth/me': signedIn,
    'GET /keys': { status: 200, data: [] },
    'GET /models': { status: 200, data: [{ code: 'gpt-4o-mini', name: 'GPT-4o mini', vendor: 'OpenAI', kind: 'text', billing_unit: 'per_1m_tokens' }] },
    'GET /usage/summary': { status: 200, data: summary },
    'GET /usage': { status: 200, data: [row], headers: { 'x-total-count': '1' } },
    ...extra,
  }
}

const lastUsageQuery = (requests: RecordedRequest[]) => requests.filter((r) => r.url === '/usage').at(-1)!.query

describe('usage page', () => {
  it('draws the month by day and by model, with the totals', async () => {
    const api = mockApi(routes())
    renderApp('/account/usage')
    const byDay = await screen.findByTestId('usage-chart-days')
    const bars = byDay.querySelectorAll('rect.cd-chart-bar')
    expect(bars).toHaveLength(30)
    expect(Number(bars[1].getAttribute('height'))).toBeGreaterThan(Number(bars[4].getAttribute('height')))
    expect(Number(bars[4].getAttribute('height'))).toBeGreaterThan(0)
    expect(Number(bars[0].getAttribute('height'))).toBe(0)
    expect(bars[1].querySelector('title')?.textContent).toContain('$1.75')
    const byModel = screen.getByTestId('usage-chart-models')
    expect(within(byModel).getByText('GPT-4o mini')).toBeInTheDocument()
    expect(screen.getByTestId('usage-total-charged')).toHaveTextContent('$1.750003')
    expect(screen.getByText(/Days are counted in your time zone/)).toBeInTheDocument()
    // the current month, in the viewer's zone
    const query = api.calls('GET /usage/summary')[0].query
    expect(query.get('from')).toMatch(/^\d{4}-\d{2}-01$/)
    expect(query.get('tz')).toBeTruthy()
  })

  it('lists requests with key prefix, tokens, charge, status, latency and request id', async () => {
    mockApi(routes())
    renderApp('/account/usage')
    const tableRow = (await screen.findByText('req-abc-123')).closest('tr')!
    expect(within(tableRow).getByText('cd_Ab3dEf7h_…')).toBeInTheDocument()
    expect(within(tableRow).getByText('gpt-4o-mini')).toBeInTheDocument()
    expect(within(tableRow).getByText('1,000')).toBeInTheDocument()
    expect(within(tableRow).getByText('500')).toBeInTheDocument()
    expect(within(tableRow).getByText('200')).toBeInTheDocument()
    expect(within(tableRow).getByTestId('usage-charged')).toHaveTextContent('$0.000125')
    expect(within(tableRow).getByTestId('usage-status')).toHaveTextContent('Error')
    expect(within(tableRow).getByText('1,234 ms')).toBeInTheDocument()
  })

  it('filters by request id and exports exactly the filtered rows', async () => {
    const api = mockApi(routes())
    const user = userEvent.setup()
    renderApp('/account/usage')
    await screen.findByText('req-abc-123')
    expect(lastUsageQuery(api.requests).get('_sort')).toBe('started_at')
    await user.type(screen.getByRole('searchbox', { name: 'Request ID' }), 'req-abc-123{Enter}')
    await waitFor(() => expect(lastUsageQuery(api.requests).get('request_id')).toBe('req-abc-123'))
    const exportLink = screen.getByRole('link', { name: /Export CSV/ })
    const href = new URL(exportLink.getAttribute('href')!, 'http://portal.test')
    expect(href.pathname).toBe('/api/portal/usage/export')
    expect(href.searchParams.get('request_id')).toBe('req-abc-123')
    expect(href.searchParams.get('_lang')).toBe('en')
    expect(href.searchParams.has('_start')).toBe(false)
  })

  it('says so when there is no usage', async () => {
    mockApi(
      routes({
        'GET /usage/summary': { status: 200, data: { ...summary, days: days.map((d) => ({ ...d, requests: 0, tokens: 0, charged: '0.000000' })), models: [], totals: { requests: 0, tokens: 0, charged: '0.000000' } } },
        'GET /usage': { status: 200, data: [], headers: { 'x-total-count': '0' } },
      }),
    )
    renderApp('/account/usage')
    expect(await screen.findAllByText('No usage in this period.')).toHaveLength(2)
    expect(await screen.findByText('No requests yet')).toBeInTheDocument()
  })
})

describe('wallet: on hold and owed', () => {
  it('shows the held amount and what is owed, with a way to buy credits', async () => {
    mockApi({
      ...walletRoutes,
      'GET /auth/me': signedIn,
      'GET /wallet': { status: 200, data: { asset: 'USD', cash: '0.000000', gift: '0.000000', total: '0.000000', held: '2.500000', arrears: '1.200000', gift_lots: [] } },
    })
    renderApp('/account/wallet')
    expect(await screen.findByTestId('balance-held')).toHaveTextContent('$2.50')
    expect(screen.getByText('On hold')).toBeInTheDocument()
    expect(screen.getByTestId('balance-arrears')).toHaveTextContent('$1.20')
    const warning = screen.getByTestId('wallet-arrears')
    expect(warning).toHaveTextContent('You owe $1.20')
    expect(within(warning).getByRole('link')).toHaveAttribute('href', '/account/buy')
  })

  it('shows neither when nothing is held or owed', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': signedIn })
    renderApp('/account/wallet')
    await screen.findByTestId('balance-total')
    expect(screen.queryByTestId('balance-held')).not.toBeInTheDocument()
    expect(screen.queryByTestId('balance-arrears')).not.toBeInTheDocument()
  })
})
