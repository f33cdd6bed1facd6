import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ACTING_ORG_STORAGE_KEY } from '../api/acting'
import i18n from '../i18n'
import { browser } from '../lib/browser'
import { mockApi, walletRoutes } from '../test/mockApi'
import { meWithOrgs } from '../test/orgs'
import { renderApp } from '../test/render'

const paidBill = {
  id: 7,
  number: 'B202610-000003',
  period_start: '2026-09-01T00:00:00.000Z',
  period_end: '2026-10-01T00:00:00.000Z',
  currency: 'USD',
  total: '120.000000',
  amount_due: '120.000000',
  paid: '120.000000',
  credited: '0.000000',
  outstanding: '0.000000',
  status: 'settled',
  invoice_status: 'none',
  issued_at: '2026-10-01T00:10:00.000Z',
  due_at: '2026-10-16T00:00:00.000Z',
}
const order = {
  id: 'R20261102-000011', number: 'R20261102-000011', status: 'PAID', channel: 'stripe', plan_name: 'Standard', currency: 'USD', amount: '30.00',
  credits: '30.000000', asset: 'USD', credited: true, refunded_amount: '0.00', created_at: '2026-11-02T10:00:00.000Z', paid_at: '2026-11-02T10:01:00.000Z',
}
const issued = {
  id: 3, title: '北辰数据科技有限公司', tax_id: '91310000MA1K000000', invoice_type: 'vat_special', amount: '120.000000', currency: 'USD', bill_ids: [5], order_ids: [],
  email: null, address: '上海市浦东新区 021-5555', remark: null, status: 'issued', invoice_number: '04400123', rejected_reason: null,
  created_at: '2026-10-05T10:00:00.000Z', issued_at: '2026-10-08T10:00:00.000Z',
}

function routes(extra = {}) {
  sessionStorage.setItem(ACTING_ORG_STORAGE_KEY, '43') // finance
  return mockApi({
    ...walletRoutes,
    'GET /auth/me': meWithOrgs(),
    'GET /invoices': { status: 200, data: [issued] },
    'GET /bills': {
      status: 200,
      data: [paidBill, { ...paidBill, id: 6, number: 'B202609-000002', invoice_status: 'issued' }, { ...paidBill, id: 9, number: 'B202611-000009', status: 'awaiting_payment' }],
      headers: { 'x-total-count': '3' },
    },
    'GET /orders': { status: 200, data: [order], headers: { 'x-total-count': '1' } },
    'POST /invoices': { status: 201, data: { id: 4 } },
    ...extra,
  })
}

async function openForm() {
  const user = userEvent.setup()
  renderApp('/account/invoices')
  await user.click(await screen.findByRole('button', { name: /Request an invoice/ }))
  const heading = await screen.findByText('Request an invoice', { selector: '.ant-modal-title' })
  return { user, dialog: heading.closest('[role="dialog"]') as HTMLElement }
}

async function choose(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, label: string, option: RegExp) {
  await user.click(within(dialog).getByLabelText(label))
  await user.click(await screen.findByText(option, { selector: '.ant-select-item-option-content' }))
}

afterEach(async () => {
  vi.restoreAllMocks()
  await i18n.changeLanguage('en')
})

describe('invoice request form', () => {
  it('refuses to send without title, tax ID or a paid record, and says what is missing', async () => {
    const api = routes()
    const { user, dialog } = await openForm()
    await user.click(within(dialog).getByRole('button', { name: 'Send request' }))
    expect(await within(dialog).findByText('Enter the invoice title')).toBeInTheDocument()
    expect(within(dialog).getByText('Enter the tax ID')).toBeInTheDocument()
    expect(within(dialog).getAllByText('Choose at least one paid bill or order').length).toBeGreaterThan(0)
    // electronic is the default type: it goes to an email address
    expect(within(dialog).getByText('Enter the address the electronic invoice goes to')).toBeInTheDocument()
    expect(api.calls('POST /invoices')).toHaveLength(0)
  })

  it('checks the tax ID and the email, and asks a special VAT invoice for the registered address', async () => {
    const api = routes()
    const { user, dialog } = await openForm()
    await user.type(within(dialog).getByLabelText(/Invoice title/), 'Acme')
    await user.type(within(dialog).getByLabelText(/Tax ID/), 'ab#1')
    await user.type(within(dialog).getByLabelText(/Email for the invoice/), 'not-an-email')
    await user.click(within(dialog).getByRole('button', { name: 'Send request' }))
    expect(await within(dialog).findByText('Use 15–20 letters and digits')).toBeInTheDocument()
    expect(within(dialog).getByText('Enter a valid email address')).toBeInTheDocument()

    await choose(user, dialog, 'Invoice type', /VAT special invoice/)
    await user.click(within(dialog).getByRole('button', { name: 'Send request' }))
    expect(await within(dialog).findByText('Enter the registered address and phone')).toBeInTheDocument()
    expect(api.calls('POST /invoices')).toHaveLength(0)
  })

  it('sends a complete request for paid bills and orders, trimmed, and lists it', async () => {
    const api = routes()
    const { user, dialog } = await openForm()
    await waitFor(() => expect(api.calls('GET /bills')).toHaveLength(1))
    // only paid bills that have no invoice yet are offered
    await user.click(within(dialog).getByLabelText('Paid bills'))
    expect(screen.queryByText(/B202609-000002/)).not.toBeInTheDocument()
    expect(screen.queryByText(/B202611-000009/)).not.toBeInTheDocument()
    expect(api.calls('GET /orders')[0].query.getAll('status')).toEqual(['PAID', 'PARTIALLY_REFUNDED'])
    await user.type(within(dialog).getByLabelText(/Invoice title/), '  北辰数据科技有限公司 ')
    await user.type(within(dialog).getByLabelText(/Tax ID/), '91310000ma1k000000')
    await choose(user, dialog, 'Paid bills', /B202610-000003/)
    await choose(user, dialog, 'Paid top-ups', /R20261102-000011 · \$30\.00/)
    await user.type(within(dialog).getByLabelText(/Email for the invoice/), 'finance@beichen.example')
    await user.click(within(dialog).getByRole('button', { name: 'Send request' }))
    await waitFor(() => expect(api.calls('POST /invoices')).toHaveLength(1))
    expect(api.calls('POST /invoices')[0].body).toEqual({
      title: '北辰数据科技有限公司',
      tax_id: '91310000MA1K000000',
      invoice_type: 'electronic',
      bill_ids: [7],
      order_numbers: ['R20261102-000011'],
      email: 'finance@beichen.example',
    })
    expect(await screen.findByText(/Invoice requested/)).toBeInTheDocument()
    await waitFor(() => expect(api.calls('GET /invoices')).toHaveLength(2))
  })

  it('shows the server’s field errors on the fields', async () => {
    routes({ 'POST /invoices': { status: 422, data: { message: 'Validation failed', errors: [{ field: 'tax_id', message: 'This tax ID is not registered' }] } } })
    const { user, dialog } = await openForm()
    await user.type(within(dialog).getByLabelText(/Invoice title/), 'Acme')
    await user.type(within(dialog).getByLabelText(/Tax ID/), 'ABC123456789012')
    await choose(user, dialog, 'Paid bills', /B202610-000003/)
    await user.type(within(dialog).getByLabelText(/Email for the invoice/), 'a@b.example')
    await user.click(within(dialog).getByRole('button', { name: 'Send request' }))
    expect(await within(dialog).findByText('This tax ID is not registered')).toBeInTheDocument()
  })

  it('lists invoices with their status, and downloads an issued one', async () => {
    const open = vi.spyOn(browser, 'openFile').mockImplementation(() => {})
    routes({ 'GET /invoices/3/link': { status: 200, data: { url: 'https://files.example/invoice.pdf', expires_at: '2026-11-27T12:10:00.000Z' } } })
    const user = userEvent.setup()
    renderApp('/account/invoices')
    const row = (await screen.findByText('北辰数据科技有限公司')).closest('tr')!
    expect(within(row).getByTestId('invoice-status')).toHaveTextContent('Issued')
    expect(row).toHaveTextContent('VAT special invoice')
    expect(row).toHaveTextContent('$120.00')
    expect(row).toHaveTextContent('04400123')
    await user.click(within(row).getByRole('button', { name: /Download/ }))
    await waitFor(() => expect(open).toHaveBeenCalledWith('https://files.example/invoice.pdf'))
  })
})
