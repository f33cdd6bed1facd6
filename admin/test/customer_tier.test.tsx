import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderConsole, type MockRoute } from './support/renderConsole'
import { bob, bobBalances, financeMeta } from './fixtures/customerMeta'

const list = (rows: unknown[]) => ({ data: rows, headers: { 'x-total-count': String(rows.length) } })
const tier = (over: Record<string, unknown> = {}) => ({
  code: 'pro',
  name: { 'en': 'Pro', 'zh-CN': '专业' },
  source: 'computed',
  rpm: 1000,
  tpm: 5000000,
  max_keys: 20,
  recharged_total: '1250.000000',
  override_until: null,
  next: { code: 'enterprise', name: { 'en': 'Enterprise', 'zh-CN': '企业' }, recharge_needed: '8750.000000' },
  ...over,
})
const routes = (body: unknown): MockRoute[] => [
  ['GET', '/api/admin/users/42', { data: bob }],
  ['GET', '/api/admin/users/42/balances', { data: bobBalances }],
  ['GET', '/api/admin/users/42/tier', { data: body }],
  ['GET', '/api/admin/ledger-transactions', list([])],
  ['GET', '/api/admin/orders', list([])],
  ['GET', '/api/admin/cash-adjustments', list([])],
  ['GET', '/api/admin/audit-logs', list([])],
]

describe('customer page: tier panel', () => {
  it('shows the tier, its source, the effective limits, keys allowed and what the next tier needs', async () => {
    renderConsole({ meta: financeMeta, path: '/r/users/show/42', routes: routes(tier()) })
    const panel = await screen.findByTestId('customer-tier')
    await waitFor(() => expect(within(panel).getByText('Pro')).toBeInTheDocument())
    expect(within(panel).getByText('From recharges')).toBeInTheDocument()
    expect(panel.querySelector('[data-limit="rpm"]')).toHaveTextContent('1,000')
    expect(panel.querySelector('[data-limit="tpm"]')).toHaveTextContent('5,000,000')
    expect(within(panel).getByText('20')).toBeInTheDocument()
    expect(within(panel).getByText('$1,250.00')).toBeInTheDocument()
    expect(within(panel).getByText('Enterprise after $8,750.00 more')).toBeInTheDocument()
  })

  it('an organisation’s negotiated unlimited TPM', async () => {
    renderConsole({ meta: financeMeta, path: '/r/users/show/42', routes: routes(tier({ source: 'negotiated', tpm: null, next: null })) })
    const panel = await screen.findByTestId('customer-tier')
    await waitFor(() => expect(panel.querySelector('[data-limit="tpm"]')).toHaveTextContent('Unlimited'))
    expect(within(panel).getAllByText('Negotiated terms').length).toBe(2)
  })

  it('in Chinese: names, source and labels from the reader’s language', async () => {
    renderConsole({ meta: financeMeta, path: '/r/users/show/42', routes: routes(tier({ source: 'override', override_until: '2026-12-01T00:00:00Z', tpm: null })), lang: 'zh-CN' })
    const panel = await screen.findByTestId('customer-tier')
    await waitFor(() => expect(within(panel).getByText('专业')).toBeInTheDocument())
    expect(within(panel).getByText('人工调级')).toBeInTheDocument()
    expect(within(panel).getByText('每分钟 Token 数')).toBeInTheDocument()
    expect(panel.querySelector('[data-limit="tpm"]')).toHaveTextContent('不限')
    expect(within(panel).getByText(/^人工调级至 /)).toBeInTheDocument()
  })
})
