import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderConsole, requestsTo, type MockRoute } from './support/renderConsole'
import { bob, bobBalances, financeMeta, supportCustomerMeta } from './fixtures/customerMeta'

const ledgerRows = [
  { id: 103, created_at: '2026-11-22T10:00:00Z', type: 'cash_adjustment', customer_id: 42, amount: '-3.000000', memo: 'Duplicate top-up' },
  { id: 102, created_at: '2026-11-21T10:00:00Z', type: 'usage_charge', customer_id: 42, amount: '1.250000', memo: null },
  { id: 101, created_at: '2026-11-20T10:00:00Z', type: 'voucher_grant', customer_id: 42, amount: '5.000000', memo: 'Sorry for the outage' },
]

const list = (rows: unknown[]) => ({ data: rows, headers: { 'x-total-count': String(rows.length) } })
const routes = (extra: MockRoute[] = []): MockRoute[] => [
  ...extra,
  ['GET', '/api/admin/users/42', { data: bob }],
  ['GET', '/api/admin/users/42/balances', { data: bobBalances }],
  ['GET', '/api/admin/users', list([bob])],
  ['GET', '/api/admin/ledger-transactions', list(ledgerRows)],
  ['GET', '/api/admin/orders', list([])],
  ['GET', '/api/admin/cash-adjustments', (req) => list(req.query.get('status') === 'PENDING' ? [{ id: 7, customer_id: 42, amount: '3.000000', status: 'PENDING' }] : [])],
  ['GET', '/api/admin/audit-logs', list([])],
]

const tab = (name: string) => screen.getByRole('tab', { name })

describe('customer page', () => {
  it('heads with identity, status and the four balances, and offers one tab per lookup', async () => {
    renderConsole({ meta: financeMeta, path: '/r/users/show/42', routes: routes() })
    expect(await screen.findByText('bob@example.com', { selector: '.ant-page-header-heading-title *, .ant-page-header-heading-title' })).toBeInTheDocument()
    expect(screen.getByText('Active')).toBeInTheDocument()
    expect(screen.getByText('Tier: Pro')).toBeInTheDocument()

    const balances = await screen.findByRole('group', { name: 'Balances' })
    await waitFor(() => expect(within(balances).getByText('$12.50')).toBeInTheDocument())
    const figure = (key: string) => balances.querySelector(`[data-balance="${key}"]`) as HTMLElement
    expect(figure('cash')).toHaveTextContent('Cash balance$12.50')
    expect(figure('gift')).toHaveTextContent('Vouchers$5.00')
    expect(figure('onHold')).toHaveTextContent('On hold$0.00')
    expect(figure('arrears')).toHaveTextContent('Arrears (owed)$2.25')

    expect(await screen.findByText('1 cash adjustment is waiting for a second finance member’s approval')).toBeInTheDocument()
    const names = screen.getAllByRole('tab').map((t) => t.textContent)
    expect(names).toEqual(['Orders', 'Refunds', 'Ledger', 'Vouchers', 'Codes', 'Cash adjustments', 'Sessions', 'Monthly statement', 'History'])
    // the header's actions: the frequent ones as buttons, the rest under "More actions"
    const header = document.querySelector('.ant-page-header-heading-extra') as HTMLElement
    expect([...header.querySelectorAll('button[data-action]')].map((b) => b.getAttribute('data-action'))).toEqual(['grant_voucher', 'request_cash_adjustment', 'freeze'])
    expect(within(header).getByRole('button', { name: /More actions/ })).toBeInTheDocument()
  })

  it('lists only this customer’s ledger, with the customer’s sign on every amount', async () => {
    const { user, requests } = renderConsole({ meta: financeMeta, path: '/r/users/show/42?tab=ledger', routes: routes() })
    await waitFor(() => expect(tab('Ledger')).toHaveAttribute('aria-selected', 'true'))
    const table = (await screen.findByText('Duplicate top-up')).closest('table') as HTMLElement
    const amounts = [...table.querySelectorAll('[data-sign]')].map((el) => [el.textContent, el.getAttribute('data-sign')])
    expect(amounts).toEqual([['−$3.00', '-1'], ['−$1.25', '-1'], ['+$5.00', '1']])
    // every row is this customer's: the column would only repeat the page's title
    expect(within(table).queryByText('Customer')).toBeNull()
    const sent = requestsTo(requests, 'GET', '/api/admin/ledger-transactions').at(-1)!
    expect(sent.query.get('customer_id')).toBe('42')

    // vouchers: the same ledger, narrowed to voucher grants and expiries
    await user.click(tab('Vouchers'))
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/ledger-transactions').some((r) => r.query.getAll('type').join() === 'voucher_grant,voucher_expiry')).toBe(true))
    const vouchers = requestsTo(requests, 'GET', '/api/admin/ledger-transactions').find((r) => r.query.getAll('type').length)!
    expect(vouchers.query.get('customer_id')).toBe('42')
  })

  // a whole dialog typed key by key: slow on a busy machine
  it('grants a voucher in one dialog, then reads the balances again', { timeout: 60_000 }, async () => {
    const { user, requests } = renderConsole({
      meta: financeMeta,
      path: '/r/users/show/42',
      routes: routes([
        ['POST', '/api/admin/users/42/actions/grant_voucher', {
          data: {
            message: 'Granted: a voucher of $5.00 to bob@example.com',
            result: { transaction_id: 104, amount: '5.000000', expires_at: '2026-12-21T23:59:59.999Z' },
            resultTypes: { amount: { type: 'money', label: { en: 'Amount', 'zh-CN': '金额' }, currency: 'USD' }, expires_at: { type: 'datetime', label: { en: 'Valid until', 'zh-CN': '有效期至' } } },
          },
        }],
      ]),
    })
    await screen.findByRole('group', { name: 'Balances' })
    await user.click(await screen.findByRole('button', { name: /Grant voucher/ }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByText('For bob@example.com')).toBeInTheDocument() // whom it acts on, not "Are you sure you want to Grant voucher …?"
    await user.type(within(dialog).getByRole('textbox', { name: 'Amount' }), '5')
    await user.type(within(dialog).getByRole('spinbutton', { name: 'Valid for (days)' }), '30')
    await user.click(within(dialog).getByRole('textbox', { name: 'Reason' }))
    await user.paste('Sorry for the outage')
    const balanceReads = requestsTo(requests, 'GET', '/api/admin/users/42/balances').length
    await user.click(within(dialog).getByRole('button', { name: 'Grant voucher' }))

    // a grant is a receipt, not a secret: the dialog closes and the confirmation reads it back, formatted
    const receipt = await screen.findByText(/^Granted: a voucher of \$5\.00 to bob@example\.com — Transaction id: 104 · Amount: \$5\.00 · Valid until: /)
    expect(receipt.closest('.ant-notification')).not.toBeNull()
    expect(screen.queryByText(/2026-12-21T/)).toBeNull()
    expect(screen.queryByText('Copy this now — it will not be shown again.')).toBeNull()
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    const [post] = requestsTo(requests, 'POST', '/api/admin/users/42/actions/grant_voucher')
    expect(post.body).toEqual({ amount: '5', valid_days: 30, reason: 'Sorry for the outage' })
    expect(post.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/)
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/users/42/balances').length).toBeGreaterThan(balanceReads))
  })

  it('shows support the lookups it may list and no money actions', async () => {
    renderConsole({ meta: supportCustomerMeta, path: '/r/users/show/42', routes: routes() })
    await screen.findByRole('group', { name: 'Balances' })
    await waitFor(() => expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Ledger', 'Vouchers', 'Monthly statement', 'History']))
    expect(document.querySelectorAll('.ant-page-header-heading-extra button[data-action]')).toHaveLength(0)
    expect(screen.queryByTestId('pending-adjustments')).toBeNull()
  })
})
