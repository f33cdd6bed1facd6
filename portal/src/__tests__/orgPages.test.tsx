import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import dayjs from 'dayjs'
import { afterEach, describe, expect, it } from 'vitest'
import { ACTING_ORG_STORAGE_KEY } from '../api/acting'
import i18n from '../i18n'
import { mockApi, walletRoutes } from '../test/mockApi'
import { meWithOrgs } from '../test/orgs'
import { renderApp } from '../test/render'

const contract = (id: number, extra: object = {}) => ({
  id,
  number: `CT202611-00000${id}`,
  type: 'enterprise',
  title: `Service agreement ${id}`,
  status: 'active',
  signing_method: 'offline',
  starts_on: '2026-01-01',
  expires_on: '2027-01-01',
  version: 1,
  signed_at: '2026-01-02T10:00:00.000Z',
  signed_by_name: null,
  can_sign: false,
  ...extra,
})

const statement = {
  kind: 'statement',
  number: 'ST-202610-45',
  status: null,
  currency: 'USD',
  period: { start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z', zone: 'UTC' },
  issuedAt: null,
  dueAt: null,
  customer: { id: 45, name: 'Delta Works', email: 'delta@example.com', address: null, taxId: null },
  issuer: { name: 'Creditdesk Ltd', address: '1 Example Road' },
  lines: [{ id: null, kind: 'usage', description: { 'en': 'GPT-4o mini usage', 'zh-CN': 'GPT-4o mini 用量' }, quantity: '1000', unit: 'tokens', requests: '3', amount: '4.000000' }],
  totals: {
    subtotal: '4.000000', discountRate: '0', discount: '0.000000', taxRate: '0', tax: '0.000000', total: '4.000000',
    coveredGift: '1.000000', coveredCash: '3.000000', amountDue: '0.000000', paid: '0.000000', credited: '0.000000', outstanding: '0.000000',
  },
  payments: [],
  creditNotes: [],
}

/** The statements page opens on last month. */
const LAST_MONTH = dayjs().subtract(1, 'month').format('YYYY-MM')

function actAs(orgId: number, extra = {}) {
  sessionStorage.setItem(ACTING_ORG_STORAGE_KEY, String(orgId))
  return mockApi({
    ...walletRoutes,
    'GET /auth/me': meWithOrgs(),
    'GET /contracts': { status: 200, data: [contract(1), contract(2, { status: 'pending_signature', signing_method: 'online', signed_at: null, can_sign: orgId === 45 })] },
    ...extra,
  })
}

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('contracts', () => {
  it('an admin signs online with a typed name and the acceptance box', async () => {
    const api = actAs(45, { 'POST /contracts/2/sign': { status: 200, data: contract(2, { status: 'active', signed_by_name: 'Ada Lovelace' }) } })
    const user = userEvent.setup()
    renderApp('/account/contracts')
    const row = (await screen.findByText('Service agreement 2')).closest('tr')!
    await waitFor(() => expect(document.querySelector('.ant-spin-spinning')).toBeNull())
    expect(within(row).getByTestId('contract-status')).toHaveTextContent('Awaiting signature')
    expect(within(screen.getByText('Service agreement 1').closest('tr')!).queryByRole('button', { name: /Sign/ })).not.toBeInTheDocument()
    await user.click(within(row).getByRole('button', { name: /Sign/ }))
    const dialog = (await screen.findByText('Sign “Service agreement 2”', { selector: '.ant-modal-title' })).closest('[role="dialog"]') as HTMLElement
    await user.click(within(dialog).getByRole('button', { name: 'Sign contract' }))
    expect(await within(dialog).findByText('Type your full name')).toBeInTheDocument()
    expect(within(dialog).getByText('Tick the box to accept the contract')).toBeInTheDocument()
    await user.type(within(dialog).getByLabelText('Your full name'), ' Ada Lovelace ')
    await user.click(within(dialog).getByRole('checkbox'))
    await user.click(within(dialog).getByRole('button', { name: 'Sign contract' }))
    await waitFor(() => expect(api.calls('POST /contracts/2/sign')).toHaveLength(1))
    expect(api.calls('POST /contracts/2/sign')[0].body).toEqual({ name: 'Ada Lovelace', accept: true })
    await waitFor(() => expect(api.calls('GET /contracts')).toHaveLength(2))
  })

  it('any member reads them; only an admin is offered to sign', async () => {
    actAs(44)
    renderApp('/account/contracts')
    const row = (await screen.findByText('Service agreement 2')).closest('tr')!
    expect(within(row).queryByRole('button', { name: /Sign/ })).not.toBeInTheDocument()
    expect(within(row).getByRole('button', { name: /View/ })).toBeInTheDocument()
    expect(screen.getByText(/An admin of the organization signs it here/)).toBeInTheDocument()
  })
})

describe('monthly statements', () => {
  it('shows a month’s statement with what the balances covered, and its PDF for the acting account', async () => {
    const api = actAs(45, { [`GET /statements/${LAST_MONTH}`]: { status: 200, data: statement } })
    renderApp('/account/statements')
    expect(await screen.findByTestId('bill-totals')).toBeInTheDocument()
    expect(screen.getByTestId('bill-coveredGift')).toHaveTextContent('−$1.00')
    expect(screen.getByTestId('bill-coveredCash')).toHaveTextContent('−$3.00')
    expect(screen.queryByTestId('bill-outstanding')).not.toBeInTheDocument()
    expect(screen.getByRole('link', { name: /Download PDF/ })).toHaveAttribute('href', `/api/portal/statements/${LAST_MONTH}/pdf?_lang=en&_org=45`)
    expect(api.calls(`GET /statements/${LAST_MONTH}`)).toHaveLength(1)
  })
})

describe('organization pages in Chinese', () => {
  it('members, contracts, invoices, bills and statements have no raw keys', async () => {
    await i18n.changeLanguage('zh-CN')
    actAs(45, {
      'GET /org/members': { status: 200, data: [] },
      'GET /org/invitations': { status: 200, data: [] },
      'GET /org/usage/members': { status: 200, data: { currency: 'USD', members: [], unassigned: null } },
      'GET /invoices': { status: 200, data: [] },
      'GET /bills': { status: 200, data: [], headers: { 'x-total-count': '0' } },
      [`GET /statements/${LAST_MONTH}`]: { status: 200, data: statement },
    })
    const raw = /\b(members|contracts|invoices|bills|statements|access|orgs|nav)\.[a-zA-Z]+/
    for (const [path, heading] of [
      ['/account/members', '成员'],
      ['/account/contracts', '合同'],
      ['/account/invoices', '发票'],
      ['/account/bills', '账单'],
      ['/account/statements', '月度对账单'],
    ]) {
      const view = renderApp(path)
      expect(await screen.findByRole('heading', { name: heading, level: 3 })).toBeInTheDocument()
      await waitFor(() => expect(document.querySelector('.ant-spin-spinning')).toBeNull())
      expect(document.body.textContent).not.toMatch(raw)
      view.unmount()
    }
  })
})
