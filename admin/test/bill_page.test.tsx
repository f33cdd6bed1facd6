import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import dayjs from 'dayjs'
import { renderConsole, requestsTo, type MockRoute } from './support/renderConsole'
import { orgMeta } from './fixtures/orgMeta'
import type { AdminMeta } from '../src/meta/types'

const list = (rows: unknown[]) => ({ data: rows, headers: { 'x-total-count': String(rows.length) } })
const bill = { id: 9, number: 'B202611-000009', org_id: 42, status: 'partially_paid', invoice_status: 'none', period_start: '2026-10-01T00:00:00Z', period_end: '2026-11-01T00:00:00Z', _labels: { org_id: 'ops@acme.test' } }
const document = (over: Record<string, unknown> = {}) => ({
  kind: 'bill', number: 'B202611-000009', status: 'partially_paid', currency: 'USD',
  period: { start: '2026-10-01T00:00:00Z', end: '2026-11-01T00:00:00Z', zone: 'UTC' },
  issuedAt: '2026-11-01T02:00:00Z', dueAt: dayjs().subtract(3, 'day').toISOString(),
  customer: { id: 42, name: 'Acme Ltd', email: 'ops@acme.test', address: '1 Harbour Road', taxId: '91310000X' },
  issuer: { name: 'Creditdesk', address: 'Somewhere' },
  lines: [
    { id: 1, kind: 'usage', description: { 'en': 'gpt-4o — input tokens', 'zh-CN': 'gpt-4o — 输入 Token' }, quantity: '1250000.000000', unit: 'tokens', requests: '3200', amount: '900.000000' },
    { id: 2, kind: 'adjustment', description: { 'en': 'Support credit', 'zh-CN': '客服调整' }, quantity: '1.000000', unit: null, requests: '0', amount: '100.000000' },
  ],
  totals: {
    subtotal: '1000.000000', discountRate: '10.0000', discount: '100.000000', taxRate: '6.0000', tax: '54.000000', total: '954.000000',
    coveredGift: '4.000000', coveredCash: '0.000000', amountDue: '950.000000', paid: '500.000000', credited: '50.000000', outstanding: '400.000000',
  },
  payments: [{ date: '2026-11-10T09:00:00Z', amount: '500.000000', method: 'bank_transfer', reference: 'HSBC-7781' }],
  creditNotes: [{ number: 'CN202611-000001', date: '2026-11-12T09:00:00Z', amount: '50.000000', reason: 'Duplicate requests during the outage', settlement: 'wallet' }],
  ...over,
})
const reconciliation = {
  bill_id: 9, usage_charged: '1000.000000', provider_cost: '620.000000', ledger_posted: '990.000000', bill_subtotal: '1000.000000', difference: '10.000000',
  findings: [{ id: 31, check: 'bill_vs_ledger', expected: '990.000000', actual: '1000.000000', status: 'OPEN' }],
}
const routes = (record: Record<string, unknown> = bill, doc: Record<string, unknown> = document(), extra: MockRoute[] = []): MockRoute[] => [
  ...extra,
  ['GET', '/api/admin/bills/9', { data: record }],
  ['GET', '/api/admin/bills/9/document', { data: doc }],
  ['GET', '/api/admin/bills/9/reconciliation', { data: reconciliation }],
  ['GET', '/api/admin/bill-payments', list([{ id: 1, bill_id: 9, order_id: 1001, amount: '500.000000', created_at: '2026-11-10T09:00:00Z', _labels: { order_id: 'ORD-1001' } }])],
  ['GET', '/api/admin/bill-disputes', list([{ id: 3, bill_id: 9, bill_line_id: 1, amount: '50.000000', reason: 'Charged twice for one batch', status: 'open' }])],
]
const headerActions = () => [...document_().querySelectorAll('.ant-page-header-heading-extra button[data-action]')].map((b) => b.getAttribute('data-action'))
const document_ = () => globalThis.document

afterEach(() => vi.restoreAllMocks())

describe('bill page', () => {
  it('heads with number, organization, period, status, due date and invoicing; totals as the PDF adds them up', { timeout: 30_000 }, async () => {
    renderConsole({ meta: orgMeta, path: '/r/bills/show/9', routes: routes() })
    expect(await screen.findByText('Bill B202611-000009', { selector: '.ant-page-header-heading-title *, .ant-page-header-heading-title' })).toBeInTheDocument()
    const tags = document_().querySelector('.ant-page-header-heading-tags') as HTMLElement
    expect(tags).toHaveTextContent('Partially paid')
    expect(tags).toHaveTextContent('Not invoiced')
    expect(await screen.findByRole('link', { name: 'Acme Ltd' })).toHaveAttribute('href', '/r/users/show/42')
    expect(screen.getByTestId('bill-period')).toHaveTextContent('Oct 1 – 31, 2026 (UTC)')
    expect(screen.getByText('Overdue')).toBeInTheDocument()
    expect(screen.getByText(/Acme Ltd · ops@acme\.test · 1 Harbour Road · Tax ID 91310000X/)).toBeInTheDocument()

    const lines = within(screen.getByTestId('bill-lines')).getByText('gpt-4o — input tokens').closest('tr') as HTMLElement
    expect(lines).toHaveTextContent('Usage')
    expect(lines).toHaveTextContent('1,250,000 tokens')
    expect(lines).toHaveTextContent('3,200')
    expect(lines).toHaveTextContent('$900.00')

    const totals = screen.getByRole('table', { name: 'Totals' })
    const rows = [...totals.querySelectorAll('tr')].map((r) => [r.getAttribute('data-total'), r.textContent])
    expect(rows).toEqual([
      ['subtotal', 'Subtotal$1,000.00'],
      ['discount', 'Discount (10%)−$100.00'],
      ['tax', 'Tax (6%)+$54.00'],
      ['total', 'Total$954.00'],
      ['coveredGift', 'Covered by vouchers−$4.00'],
      ['amountDue', 'Amount due$950.00'],
      ['paid', 'Paid−$500.00'],
      ['credited', 'Credited−$50.00'],
      ['outstanding', 'Outstanding$400.00'],
    ])
  })

  it('payments with their orders, credit notes, and the actions the status allows', { timeout: 30_000 }, async () => {
    const { user, requests } = renderConsole({ meta: orgMeta, path: '/r/bills/show/9', routes: routes() })
    const payments = await screen.findByTestId('bill-payments')
    await waitFor(() => expect(within(payments).getByText('ORD-1001')).toBeInTheDocument())
    expect(within(payments).getByText('$500.00')).toBeInTheDocument()
    expect(requestsTo(requests, 'GET', '/api/admin/bill-payments').at(-1)!.query.get('bill_id')).toBe('9')
    const notes = screen.getByTestId('bill-credit-notes')
    const note = within(notes).getByText('CN202611-000001').closest('tr') as HTMLElement
    expect(note).toHaveTextContent('Credited to wallet')
    expect(note).toHaveTextContent('−$50.00')

    // partially paid: send and record a payment; close under More; no issue, no void, no reopen
    await waitFor(() => expect(headerActions()).toEqual(['send', 'record_offline_payment']))
    await user.click(screen.getByRole('button', { name: /More actions/ }))
    expect(await screen.findByRole('menuitem', { name: 'Close' })).toBeInTheDocument()
    expect(screen.queryByRole('menuitem', { name: 'Void' })).toBeNull()
  })

  it('a draft offers Issue first and Void; nothing to send yet', { timeout: 30_000 }, async () => {
    renderConsole({ meta: orgMeta, path: '/r/bills/show/9', routes: routes({ ...bill, status: 'draft' }, document({ status: 'draft', issuedAt: null, dueAt: null })) })
    await waitFor(() => expect(headerActions()).toEqual(['issue']))
    const issue = document_().querySelector('button[data-action="issue"]') as HTMLElement
    expect(issue.className).toContain('ant-btn-primary')
    expect(screen.getByText('Not issued yet')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /More actions/ })).toBeInTheDocument()
  })

  it('credits a dispute with a credit note through its declared action', { timeout: 60_000 }, async () => {
    const { user, requests } = renderConsole({
      meta: orgMeta,
      path: '/r/bills/show/9',
      routes: routes(bill, document(), [['POST', '/api/admin/bill-disputes/3/actions/credit', { data: { message: 'Credit note CN202611-000002 issued' } }]]),
    })
    await screen.findByText('Bill B202611-000009', { selector: '.ant-page-header-heading-title *, .ant-page-header-heading-title' })
    await waitFor(() => expect(within(screen.getByTestId('bill-disputes')).getByText('Charged twice for one batch')).toBeInTheDocument())
    const row = within(screen.getByTestId('bill-disputes')).getByText('Charged twice for one batch').closest('tr') as HTMLElement
    expect(row).toHaveTextContent('Open')
    expect(row).toHaveTextContent('gpt-4o — input tokens')
    expect(within(row).getByRole('button', { name: 'Reject' })).toBeInTheDocument()
    await user.click(within(row).getByRole('button', { name: 'Issue credit note' }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByRole('textbox', { name: 'Amount to credit' }), '50')
    await user.click(within(dialog).getByRole('combobox', { name: 'Settlement' }))
    await user.click(await screen.findByTitle('Credited to wallet'))
    await user.click(within(dialog).getByRole('textbox', { name: 'Reason' }))
    await user.paste('Duplicate batch confirmed')
    await user.click(within(dialog).getByRole('button', { name: 'Issue credit note' }))
    await waitFor(() => expect(requestsTo(requests, 'POST', '/api/admin/bill-disputes/3/actions/credit')).toHaveLength(1))
    expect(requestsTo(requests, 'POST', '/api/admin/bill-disputes/3/actions/credit')[0].body).toEqual({ amount: '50', settlement: 'wallet', reason: 'Duplicate batch confirmed' })
  })

  it('disputes one line: the line is known, only the amount and the reason are asked', { timeout: 60_000 }, async () => {
    const { user, requests } = renderConsole({
      meta: orgMeta,
      path: '/r/bills/show/9',
      routes: routes(bill, document(), [['POST', '/api/admin/bills/9/actions/open_dispute', { data: { message: 'Dispute opened' } }]]),
    })
    await waitFor(() => expect(within(screen.getByTestId('bill-lines')).getByText('gpt-4o — input tokens').closest('tr')!.querySelector('button[data-action="open_dispute"]')).not.toBeNull())
    expect(headerActions()).not.toContain('open_dispute')
    await user.click(within(screen.getByTestId('bill-lines')).getByText('gpt-4o — input tokens').closest('tr')!.querySelector('button[data-action="open_dispute"]') as HTMLElement)
    const dialog = await screen.findByRole('dialog', { name: 'Open a dispute' })
    expect(within(dialog).queryByRole('combobox', { name: 'Bill line' })).toBeNull()
    await user.type(within(dialog).getByRole('textbox', { name: 'Disputed amount' }), '20')
    await user.click(within(dialog).getByRole('textbox', { name: 'Reason' }))
    await user.paste('Batch retried by the provider')
    await user.click(within(dialog).getByRole('button', { name: 'Open a dispute' }))
    await waitFor(() => expect(requestsTo(requests, 'POST', '/api/admin/bills/9/actions/open_dispute')).toHaveLength(1))
    expect(requestsTo(requests, 'POST', '/api/admin/bills/9/actions/open_dispute')[0].body).toEqual({ bill_line_id: 1, amount: '20', reason: 'Batch retried by the provider' })
  })

  it('reconciliation: usage, cost, ledger and bill side by side, the mismatch highlighted and explained', { timeout: 30_000 }, async () => {
    renderConsole({ meta: orgMeta, path: '/r/bills/show/9', routes: routes() })
    // the page settles (record, document) before its panels are final
    await waitFor(() => expect(screen.getByTestId('bill-reconciliation').querySelector('[data-recon="billSubtotal"]')).toHaveAttribute('data-mismatch', 'true'))
    const panel = screen.getByTestId('bill-reconciliation')
    expect(panel.querySelector('[data-recon="usageCharged"]')).toHaveAttribute('data-mismatch', 'false')
    expect(panel.querySelector('[data-recon="providerCost"]')).toHaveTextContent('Provider cost$620.00')
    expect(panel.querySelector('[data-recon="difference"]')).toHaveAttribute('data-mismatch', 'true')
    expect(within(panel).getByText('Margin over provider cost: $380.00')).toBeInTheDocument()
    expect(within(panel).getByText('The bill says $1,000.00, but the ledger debited $990.00 in the period')).toBeInTheDocument()
    expect(panel.querySelector('button[data-action="reconcile"]')).not.toBeNull()
  })

  it('downloads the PDF in the reader’s language', { timeout: 30_000 }, async () => {
    const saved: string[] = []
    URL.createObjectURL = vi.fn(() => 'blob:bill') as unknown as typeof URL.createObjectURL
    URL.revokeObjectURL = vi.fn()
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download)
    })
    const { user, requests } = renderConsole({ meta: orgMeta, path: '/r/bills/show/9', routes: routes(bill, document(), [['GET', '/api/admin/bills/9/pdf', { data: new Blob(['%PDF-1.7'], { type: 'application/pdf' }) }]]), lang: 'zh-CN' })
    await user.click(await screen.findByRole('button', { name: /下载 PDF/ }))
    await waitFor(() => expect(saved).toEqual(['B202611-000009.pdf']))
    const [pdf] = requestsTo(requests, 'GET', '/api/admin/bills/9/pdf')
    expect(pdf.query.get('_lang')).toBe('zh-CN')
  })

  it('in Chinese, with the document’s payments when bill payments are not listable', { timeout: 30_000 }, async () => {
    const meta: AdminMeta = { ...orgMeta, resources: orgMeta.resources.filter((r) => r.name !== 'bill-payments') }
    renderConsole({ meta, path: '/r/bills/show/9', routes: routes(), lang: 'zh-CN' })
    expect(await screen.findByText('账单 B202611-000009', { selector: '.ant-page-header-heading-title *, .ant-page-header-heading-title' })).toBeInTheDocument()
    expect(await within(await screen.findByTestId('bill-lines')).findByText('gpt-4o — 输入 Token')).toBeInTheDocument()
    expect(screen.getByTestId('bill-period')).toHaveTextContent('2026年10月1日至2026年10月31日 (UTC)')
    const totals = screen.getByRole('table', { name: '合计' })
    expect(totals.querySelector('[data-total="discount"]')).toHaveTextContent('折扣（10%）')
    expect(totals.querySelector('[data-total="outstanding"]')).toHaveTextContent('待付金额US$400.00')
    const payments = screen.getByTestId('bill-payments')
    expect(within(payments).getByText('银行转账')).toBeInTheDocument()
    expect(within(payments).getByText('HSBC-7781')).toBeInTheDocument()
    expect(screen.getByText('部分支付', { selector: '.ant-page-header-heading-tags *' })).toBeInTheDocument()
  })

  it('bill lines read their description in the viewer’s language wherever they are listed', { timeout: 30_000 }, async () => {
    const rows = list([{ id: 1, bill_id: 9, description: { 'en': 'gpt-4o — input tokens', 'zh-CN': 'gpt-4o — 输入 Token' }, amount: '900.000000', _labels: { bill_id: 'B202611-000009' } }])
    renderConsole({ meta: orgMeta, path: '/r/bill-lines', routes: [['GET', '/api/admin/bill-lines', rows]], lang: 'zh-CN' })
    expect(await screen.findByText('gpt-4o — 输入 Token')).toBeInTheDocument()
    expect(screen.queryByText(/"en"/)).toBeNull()
  })

  it('a prepaid customer’s monthly statement: last month by default, its lines, totals and PDF', { timeout: 30_000 }, async () => {
    const month = dayjs().subtract(1, 'month').format('YYYY-MM')
    const statement = document({ kind: 'statement', number: `S-42-${month}`, status: null, dueAt: null, payments: [], creditNotes: [] })
    const { requests } = renderConsole({
      meta: orgMeta,
      path: '/r/users/show/42?tab=statement',
      routes: [
        ['GET', '/api/admin/users/42', { data: { id: 42, email: 'bob@example.com', type: 'individual', billing_mode: 'prepaid', org_opened_at: null } }],
        ['GET', '/api/admin/users/42/balances', { data: { currency: 'USD', cash: '0', gift: '0', onHold: '0', arrears: '0' } }],
        ['GET', `/api/admin/users/42/statements/${month}`, { data: statement }],
      ],
    })
    const tab = await screen.findByTestId('customer-statement')
    expect(await within(tab).findByText('gpt-4o — input tokens')).toBeInTheDocument()
    expect(within(tab).getByRole('table', { name: 'Totals' }).querySelector('[data-total="total"]')).toHaveTextContent('Total$954.00')
    expect(within(tab).getByRole('button', { name: /Download PDF/ })).toBeInTheDocument()
    expect(requestsTo(requests, 'GET', `/api/admin/users/42/statements/${month}`)).toHaveLength(1)
  })
})
