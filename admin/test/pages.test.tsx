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
  it('shows the summary cards', async () => {
    renderConsole({
      meta: superAdminMeta,
      path: '/',
      routes: [['GET', '/api/admin/dashboard/summary', {
        data: {
          staffLoginsToday: 4, newCustomers: { today: 7, week: 31, month: 120, year: 1405 }, trend: [],
          moneyToday: { currency: 'USD', recharged: { count: 3, amount: '150.000000' }, codesRedeemed: { count: 1, amount: '20.500000' } },
          payments: { refundsToday: { count: 2, amount: '19.900000' }, refundsWaitingForReview: 5, paidOrdersWithoutRecharge: 1 },
        },
      }]],
    })
    await waitFor(() => expect(screen.getByTestId('stat-logins')).toHaveTextContent('4'))
    expect(screen.getByTestId('stat-today')).toHaveTextContent('7')
    expect(screen.getByTestId('stat-week')).toHaveTextContent('31')
    expect(screen.getByTestId('stat-month')).toHaveTextContent('120')
    expect(screen.getByTestId('stat-year')).toHaveTextContent('1,405')
    expect(screen.getByText('No sign-ups in the last 30 days')).toBeInTheDocument()
    expect(screen.getByTestId('money-recharged')).toHaveTextContent('$150.00')
    expect(screen.getByTestId('money-recharged')).toHaveTextContent('3 transactions')
    expect(screen.getByTestId('money-codesRedeemed')).toHaveTextContent('$20.50')
    expect(screen.queryByTestId('money-usageCharged')).toBeNull() // absent figures are not invented
    expect(screen.getByTestId('payments-refundsToday')).toHaveTextContent('$19.90')
    expect(screen.getByTestId('payments-refundsToday')).toHaveTextContent('2 transactions')
    expect(screen.getByTestId('payments-refundsWaiting')).toHaveTextContent('5')
    expect(screen.getByTestId('payments-orphans')).toHaveTextContent('Paid orders without credit1')
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
