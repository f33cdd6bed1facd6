import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ACTING_ORG_STORAGE_KEY } from '../api/acting'
import i18n from '../i18n'
import { browser } from '../lib/browser'
import { mockApi, walletRoutes } from '../test/mockApi'
import { meWithOrgs } from '../test/orgs'
import { renderApp } from '../test/render'

const CHECKOUT = 'https://checkout.stripe.test/c/pay_bill_7'

const bill = {
  id: 7,
  kind: 'bill',
  number: 'B202611-000007',
  status: 'partially_paid',
  currency: 'USD',
  period: { start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z', zone: 'UTC' },
  issuedAt: '2026-11-01T00:10:00.000Z',
  dueAt: '2026-11-16T00:00:00.000Z',
  customer: { id: 45, name: 'Delta Works 德尔塔', email: 'billing@delta.example', address: '上海市浦东新区世纪大道 100 号', taxId: '91310000MA1K000000' },
  issuer: { name: 'Creditdesk Ltd', address: '1 Example Road' },
  lines: [
    { id: 101, kind: 'usage', description: { 'en': 'GPT-4o mini usage', 'zh-CN': 'GPT-4o mini 用量' }, quantity: '1200000', unit: 'tokens', requests: '840', amount: '12.000000' },
    { id: 102, kind: 'hold_capture', description: { 'en': 'Veo 3 generations', 'zh-CN': 'Veo 3 生成任务' }, quantity: '61', unit: 'videos', requests: '61', amount: '30.500000' },
  ],
  totals: {
    subtotal: '42.500000',
    discountRate: '5',
    discount: '2.125000',
    taxRate: '6',
    tax: '2.422500',
    total: '42.797500',
    coveredGift: '5.000000',
    coveredCash: '10.000000',
    amountDue: '27.797500',
    paid: '10.000000',
    credited: '2.000000',
    outstanding: '15.797500',
  },
  payments: [{ date: '2026-11-05T09:00:00.000Z', amount: '10.000000', method: 'stripe', reference: 'R20261105-000031' }],
  creditNotes: [{ number: 'CN202611-000002', date: '2026-11-08T09:00:00.000Z', amount: '2.000000', reason: 'Duplicate requests on Oct 12', settlement: 'wallet' }],
  disputes: [
    { id: 3, bill_line_id: 101, amount: '2.000000', reason: 'Duplicate requests on Oct 12', status: 'credited', resolution: 'Credit note CN202611-000002', created_at: '2026-11-06T09:00:00.000Z', resolved_at: '2026-11-08T09:00:00.000Z' },
  ],
}

function routes(orgId = 45, extra = {}) {
  sessionStorage.setItem(ACTING_ORG_STORAGE_KEY, String(orgId))
  return mockApi({ ...walletRoutes, 'GET /auth/me': meWithOrgs(), 'GET /bills/7': { status: 200, data: bill }, ...extra })
}

async function dialogTitled(title: string | RegExp) {
  const heading = await screen.findByText(title, { selector: '.ant-modal-title' })
  return heading.closest('[role="dialog"]') as HTMLElement
}

afterEach(async () => {
  vi.restoreAllMocks()
  await i18n.changeLanguage('en')
})

describe('bill detail', () => {
  it('shows every figure from the lines down to what is outstanding, exactly as sent', async () => {
    routes()
    renderApp('/account/bills/7')
    expect(await screen.findByRole('heading', { name: 'Bill B202611-000007' })).toBeInTheDocument()
    expect(screen.getByTestId('bill-status')).toHaveTextContent('Partially paid')
    expect(screen.getByText('Oct 1 – 31, 2026')).toBeInTheDocument()
    expect(screen.getByText('上海市浦东新区世纪大道 100 号')).toBeInTheDocument()
    const totals = screen.getByTestId('bill-totals')
    const figure = (key: string) => within(totals).getByTestId(`bill-${key}`)
    expect(figure('subtotal')).toHaveTextContent(/^\$42\.50$/)
    expect(within(totals).getByText('Discount (5%)')).toBeInTheDocument()
    expect(figure('discount')).toHaveTextContent(/^−\$2\.125$/)
    expect(within(totals).getByText('Tax (6%)')).toBeInTheDocument()
    expect(figure('tax')).toHaveTextContent(/^\$2\.4225$/)
    expect(figure('total')).toHaveTextContent(/^\$42\.7975$/)
    expect(figure('coveredGift')).toHaveTextContent(/^−\$5\.00$/)
    expect(figure('coveredCash')).toHaveTextContent(/^−\$10\.00$/)
    expect(figure('amountDue')).toHaveTextContent(/^\$27\.7975$/)
    expect(figure('paid')).toHaveTextContent(/^−\$10\.00$/)
    expect(figure('credited')).toHaveTextContent(/^−\$2\.00$/)
    expect(figure('outstanding')).toHaveTextContent(/^\$15\.7975$/)

    const line = within(screen.getByTestId('bill-lines')).getByText('GPT-4o mini usage').closest('tr')!
    expect(line).toHaveTextContent('1,200,000 tokens')
    expect(line).toHaveTextContent('$12.00')
    expect(within(screen.getByTestId('bill-payments')).getByText('R20261105-000031')).toBeInTheDocument()
    expect(within(screen.getByTestId('bill-payments')).getByText('Card')).toBeInTheDocument()
    const note = within(screen.getByTestId('bill-credit-notes')).getByText('CN202611-000002').closest('tr')!
    expect(note).toHaveTextContent('Credited to wallet')
    expect(note).toHaveTextContent('−$2.00')
    expect(within(screen.getByTestId('bill-disputes')).getByTestId('dispute-status')).toHaveTextContent('Credited')
  })

  it('links the PDF in the reader’s language for the acting organization', async () => {
    routes()
    renderApp('/account/bills/7')
    const pdf = await screen.findByRole('link', { name: /Download PDF/ })
    expect(pdf).toHaveAttribute('href', '/api/portal/bills/7/pdf?_lang=en&_org=45')
  })

  it('pays part of what is outstanding, never more, and goes to the checkout', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {})
    const api = routes(45, { 'POST /bills/7/pay': { status: 201, data: { checkout_url: CHECKOUT } } })
    const user = userEvent.setup()
    renderApp('/account/bills/7')
    await user.click(await screen.findByRole('button', { name: /Pay/ }))
    const dialog = await dialogTitled('Pay bill B202611-000007')
    expect(within(dialog).getByText(/Outstanding: \$15\.7975/)).toBeInTheDocument()
    const amount = within(dialog).getByLabelText('Amount to pay (USD)')
    expect(amount).toHaveValue('15.79')

    await user.clear(amount)
    await user.type(amount, '16')
    await user.click(within(dialog).getByRole('button', { name: 'Continue to payment' }))
    expect(await within(dialog).findByText('At most $15.7975')).toBeInTheDocument()
    await user.clear(amount)
    await user.type(amount, '1.234')
    expect(await within(dialog).findByText(/at most 2 after the point/)).toBeInTheDocument()
    expect(api.calls('POST /bills/7/pay')).toHaveLength(0)

    await user.clear(amount)
    await user.type(amount, '10.50')
    await user.click(within(dialog).getByRole('button', { name: 'Continue to payment' }))
    await waitFor(() => expect(assign).toHaveBeenCalledWith(CHECKOUT))
    expect(api.calls('POST /bills/7/pay')[0].body).toEqual({ amount: '10.50' })
  })

  it('disputes a line with an amount up to the line and a reason', async () => {
    const api = routes(45, { 'POST /bills/7/disputes': { status: 201, data: { id: 4 } } })
    const user = userEvent.setup()
    renderApp('/account/bills/7')
    const line = within(await screen.findByTestId('bill-lines')).getByText('Veo 3 generations').closest('tr')!
    await user.click(within(line).getByRole('button', { name: 'Dispute' }))
    const dialog = await dialogTitled('Dispute a line of bill B202611-000007')
    await user.type(within(dialog).getByLabelText('Amount disputed (USD)'), '31')
    await user.type(within(dialog).getByLabelText('Reason'), 'short')
    await user.click(within(dialog).getByRole('button', { name: 'Open dispute' }))
    expect(await within(dialog).findByText('At most $30.50')).toBeInTheDocument()
    expect(within(dialog).getByText('Write at least 10 characters')).toBeInTheDocument()
    expect(api.calls('POST /bills/7/disputes')).toHaveLength(0)

    await user.clear(within(dialog).getByLabelText('Amount disputed (USD)'))
    await user.type(within(dialog).getByLabelText('Amount disputed (USD)'), '4.5')
    await user.type(within(dialog).getByLabelText('Reason'), ' — three videos failed and were charged')
    await user.click(within(dialog).getByRole('button', { name: 'Open dispute' }))
    await waitFor(() => expect(api.calls('POST /bills/7/disputes')).toHaveLength(1))
    expect(api.calls('POST /bills/7/disputes')[0].body).toEqual({ bill_line_id: 102, amount: '4.5', reason: 'short — three videos failed and were charged' })
    await waitFor(() => expect(api.calls('GET /bills/7')).toHaveLength(2))
  })

  it('offers no payment on a settled bill, and still lets finance dispute its lines', async () => {
    // finance may pay; a settled bill has nothing to pay
    routes(43, { 'GET /bills/7': { status: 200, data: { ...bill, status: 'settled', totals: { ...bill.totals, outstanding: '0.000000' } } } })
    renderApp('/account/bills/7')
    await screen.findByRole('heading', { name: 'Bill B202611-000007' })
    expect(screen.queryByRole('button', { name: /^Pay$/ })).not.toBeInTheDocument()
    expect(screen.getAllByRole('button', { name: 'Dispute' }).length).toBe(2)
  })

  it('reads in Chinese with the same figures', async () => {
    await i18n.changeLanguage('zh-CN')
    routes()
    renderApp('/account/bills/7')
    expect(await screen.findByRole('heading', { name: '账单 B202611-000007' })).toBeInTheDocument()
    expect(within(screen.getByTestId('bill-lines')).getByText('GPT-4o mini 用量')).toBeInTheDocument()
    expect(screen.getByText('预付余额抵扣')).toBeInTheDocument()
    expect(screen.getByTestId('bill-outstanding')).toHaveTextContent('US$15.7975')
    expect(screen.getByRole('link', { name: /下载 PDF/ })).toHaveAttribute('href', '/api/portal/bills/7/pdf?_lang=zh-CN&_org=45')
    expect(document.body.textContent).not.toMatch(/\bbills\.[a-zA-Z]+/)
  })
})
