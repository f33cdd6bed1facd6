import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, useLocation } from 'react-router'
import { createMockHttp, renderConsole, requestsTo, type MockRoute } from './support/renderConsole'
import { superAdminMeta } from './fixtures/meta'
import { createConsole } from '../src/app/createConsole'
import { ConsoleProviders } from '../src/app/ConsoleProviders'
import { ConsoleRoutes } from '../src/app/ConsoleRoutes'
import { createI18n } from '../src/i18n'
import { safeRedirectTarget } from '../src/providers/authProvider'

function Where() {
  const { pathname, search } = useLocation()
  return <output data-testid="where">{pathname + search}</output>
}

/** Signed-out console: /auth/me answers 401 until a login succeeds. */
function renderSignedOut(path: string, login: MockRoute[2]) {
  let signedIn = false
  const { http, requests } = createMockHttp([
    ['GET', '/api/admin/auth/me', () => (signedIn ? { data: { user: superAdminMeta.user } } : { status: 401, data: { message: 'Unauthorized' } })],
    ['GET', '/api/admin/meta', () => (signedIn ? { data: superAdminMeta } : { status: 401, data: { message: 'Unauthorized' } })],
    ['POST', '/api/admin/auth/login', (req) => {
      const reply = typeof login === 'function' ? login(req) : login
      if (!reply.status || reply.status < 400) signedIn = true
      return reply
    }],
    ['GET', '/api/admin/users', { data: [], headers: { 'x-total-count': '0' } }],
  ])
  const deps = createConsole({ http, i18n: createI18n('en') })
  render(
    <MemoryRouter initialEntries={[path]}>
      <ConsoleProviders deps={deps}>
        <ConsoleRoutes />
        <Where />
      </ConsoleProviders>
    </MemoryRouter>,
  )
  return { requests, user: userEvent.setup() }
}

async function signIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Email'), 'root@creditdesk.test')
  await user.type(screen.getByLabelText('Password'), 'correct horse 1')
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
}

describe('login', () => {
  it('only follows same-app ?to= targets', () => {
    expect(safeRedirectTarget('?to=%2Fr%2Fusers%3Fx%3D1')).toBe('/r/users?x=1')
    expect(safeRedirectTarget('?to=%2F%2Fevil.example')).toBe('/')
    expect(safeRedirectTarget('?to=https%3A%2F%2Fevil.example')).toBe('/')
    expect(safeRedirectTarget('')).toBe('/')
  })

  it('sends a signed-out visitor to /login?to=… and back after signing in', async () => {
    const { user, requests } = renderSignedOut('/r/users', { data: { user: superAdminMeta.user } })
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/login?to=%2Fr%2Fusers'))
    await signIn(user)
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent(/^\/r\/users$/))
    expect(requestsTo(requests, 'POST', '/api/admin/auth/login')[0].body).toEqual({ email: 'root@creditdesk.test', password: 'correct horse 1' })
    expect(await screen.findByText('Ada Root')).toBeInTheDocument()
  })

  it('shows the lockout with the seconds to wait on 429', async () => {
    const { user } = renderSignedOut('/login', { status: 429, data: { message: 'Too many login attempts', retryAfter: 42 }, headers: { 'retry-after': '42' } })
    await signIn(user)
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Too many attempts. Try again in 42 s.')
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled()
  })

  it('shows the server message for wrong credentials', async () => {
    const { user } = renderSignedOut('/login', { status: 400, data: { message: 'Invalid email or password' } })
    await signIn(user)
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password')
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled()
  })
})

describe('dashboard', () => {
  const values = (today: string, week: string, month: string, year: string) => ({ today, week, month, year })
  const summary = {
    cards: {
      zone: 'UTC', currency: 'USD', as_of: '2026-11-27T10:00:00Z',
      cards: [
        { id: 'new_users', kind: 'count', values: values('7', '31', '120', '1405') },
        { id: 'tokens', kind: 'tokens', values: values('1250000', '8000000', '30000000', '41234567') },
        { id: 'revenue', kind: 'money', values: values('150.125000', '900.000000', '3000.000000', '12000.004999') },
        { id: 'margin', kind: 'money', values: values('37.531250', '200.000000', '-5.000000', '3000.000000') },
        { id: 'staff_logins', kind: 'count', values: values('4', '9', '30', '250') },
      ],
    },
    moneyToday: { currency: 'USD', recharged: { count: 3, amount: '150.000000' }, codesRedeemed: { count: 1, amount: '20.500000' } },
    payments: { refundsToday: { count: 2, amount: '19.900000' }, refundsWaitingForReview: 5, paidOrdersWithoutRecharge: 1 },
  }
  const trend = (req: { query: URLSearchParams }) => ({
    data: { card: req.query.get('card'), period: req.query.get('period'), granularity: 'day', zone: 'UTC', currency: 'USD', points: [{ bucket: '2026-11-01', value: '0' }] },
  })

  it('shows each card for today, this week, month and year, with money in its currency and the margin rate', async () => {
    renderConsole({ meta: superAdminMeta, path: '/', routes: [['GET', '/api/admin/dashboard/summary', { data: summary }], ['GET', '/api/admin/dashboard/trend', trend]] })
    await waitFor(() => expect(screen.getByTestId('card-new_users-today')).toHaveTextContent('7'))
    expect(screen.getByTestId('card-new_users-week')).toHaveTextContent('This week31')
    expect(screen.getByTestId('card-new_users-month')).toHaveTextContent('120')
    expect(screen.getByTestId('card-new_users-year')).toHaveTextContent('1,405')
    expect(screen.getByTestId('card-tokens-today')).toHaveTextContent('1.3M')
    expect(screen.getByTestId('card-tokens-year')).toHaveTextContent('41.2M')
    expect(screen.getByTestId('card-revenue-today')).toHaveTextContent('$150.13')
    expect(screen.getByTestId('card-revenue-year')).toHaveTextContent('$12,000.00')
    expect(screen.getByTestId('card-margin-today')).toHaveTextContent('$37.53')
    expect(screen.getByTestId('card-margin-today')).toHaveTextContent('25% of revenue')
    expect(screen.getByTestId('card-margin-month')).toHaveTextContent('−$5.00')
    expect(screen.getByTestId('card-staff_logins-today')).toHaveTextContent('4')
    expect(screen.queryByTestId('card-cost')).toBeNull() // absent figures are not invented
    expect(screen.getByTestId('dashboard-periods-note')).toHaveTextContent('UTC')
    expect(screen.getByTestId('money-recharged')).toHaveTextContent('$150.00')
    expect(screen.getByTestId('money-recharged')).toHaveTextContent('3 transactions')
    expect(screen.getByTestId('money-codesRedeemed')).toHaveTextContent('$20.50')
    expect(screen.queryByTestId('money-usageCharged')).toBeNull()
    expect(screen.getByTestId('payments-refundsToday')).toHaveTextContent('$19.90')
    expect(screen.getByTestId('payments-refundsToday')).toHaveTextContent('2 transactions')
    expect(screen.getByTestId('payments-refundsWaiting')).toHaveTextContent('5')
    expect(screen.getByTestId('payments-orphans')).toHaveTextContent('Paid orders without credit1')
  })

  it('shows the first card’s trend by month, a clicked card’s trend, and another period on request', async () => {
    const { requests, user } = renderConsole({ meta: superAdminMeta, path: '/', routes: [['GET', '/api/admin/dashboard/summary', { data: summary }], ['GET', '/api/admin/dashboard/trend', trend]] })
    await waitFor(() => expect(screen.getByTestId('dashboard-trend')).toHaveTextContent('New users trend'))
    const asked = () => requestsTo(requests, 'GET', '/api/admin/dashboard/trend').map((r) => `${r.query.get('card')}:${r.query.get('period')}`)
    await waitFor(() => expect(asked()).toEqual(['new_users:month']))
    await user.click(screen.getByTestId('card-revenue'))
    await waitFor(() => expect(screen.getByTestId('dashboard-trend')).toHaveTextContent('Revenue trend'))
    expect(screen.getByTestId('card-revenue')).toHaveAttribute('aria-pressed', 'true')
    await user.click(screen.getByText('This year', { selector: '.ant-segmented-item-label' }))
    await waitFor(() => expect(asked()).toEqual(['new_users:month', 'revenue:month', 'revenue:year']))
    expect(screen.getByTestId('dashboard-trend')).toHaveTextContent('Nothing in this period yet')
  })

  it('reads in Chinese', async () => {
    renderConsole({ meta: superAdminMeta, path: '/', lang: 'zh-CN', routes: [['GET', '/api/admin/dashboard/summary', { data: summary }], ['GET', '/api/admin/dashboard/trend', trend]] })
    await waitFor(() => expect(screen.getByTestId('card-new_users')).toHaveTextContent('新增用户'))
    expect(screen.getByTestId('card-new_users')).toHaveTextContent('本周')
    expect(screen.getByTestId('card-margin-today')).toHaveTextContent('毛利率 25%')
    await waitFor(() => expect(screen.getByTestId('dashboard-trend')).toHaveTextContent('新增用户趋势'))
  })
})

describe('audit log (custom list page)', () => {
  const entries = [
    { id: 12, actor_type: 'staff', actor_id: 1, actor_label: 'root@creditdesk.test', actor_role: 'super_admin', action: 'freeze', resource: 'users', record_id: '42', reason: 'Chargeback', changes: { before: { frozen: false }, after: { frozen: true } }, occurred_at: '2026-11-21T09:00:00Z' },
  ]

  it('filters by actor, resource, action and time, and expands a row into its diff', async () => {
    const { user, requests } = renderConsole({
      meta: superAdminMeta,
      path: '/r/audit-logs',
      routes: [['GET', '/api/admin/audit-logs', { data: entries, headers: { 'x-total-count': '1' } }]],
    })
    const cell = await screen.findByText('Chargeback')
    const bar = within(document.querySelector('.cd-filterbar') as HTMLElement)
    expect(bar.getByRole('textbox', { name: 'Actor' })).toBeInTheDocument() // actor_label contains
    expect(bar.getByRole('combobox', { name: 'Actor type' })).toBeInTheDocument()
    expect(bar.getByRole('combobox', { name: 'Resource' })).toBeInTheDocument() // the console's resources
    expect(bar.getByRole('textbox', { name: 'Action' })).toBeInTheDocument()
    expect(bar.getByPlaceholderText('Time From')).toBeInTheDocument() // occurred_at range
    expect(screen.getByText('root@creditdesk.test')).toBeInTheDocument()
    expect(requestsTo(requests, 'GET', '/api/admin/audit-logs')[0].url).toBe('/api/admin/audit-logs?_end=50&_order=desc&_sort=id&_start=0')

    await user.type(bar.getByRole('textbox', { name: 'Action' }), 'freeze')
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/audit-logs').at(-1)!.query.get('action_like')).toBe('freeze'))
    await user.type(bar.getByRole('textbox', { name: 'Actor' }), 'root')
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/audit-logs').at(-1)!.query.get('actor_label_like')).toBe('root'))

    await waitFor(() => expect(screen.getByText('Chargeback').closest('tr')).not.toBeNull())
    const row = screen.getByText('Chargeback').closest('tr')!
    expect(cell).toBeTruthy()
    await user.click(within(row).getByRole('button', { name: 'Expand row' }))
    const diff = await screen.findByRole('table', { name: 'Changes' })
    expect(within(diff).getByText('Frozen')).toBeInTheDocument()
    // booleans read as the field shows them elsewhere, not as raw JSON
    expect(within(diff).getByText('No').tagName).toBe('DEL')
    expect(within(diff).getByText('Yes').tagName).toBe('INS')
    expect(within(diff).queryByText('false')).toBeNull()
  })
})

describe('routing', () => {
  it('explains an unknown resource instead of crashing', async () => {
    renderConsole({ meta: superAdminMeta, path: '/r/nope' })
    expect(await screen.findByText('Unknown resource “nope”.')).toBeInTheDocument()
  })
})
