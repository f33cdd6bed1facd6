import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import dayjs from 'dayjs'
import { renderConsole, requestsTo, type MockRoute } from './support/renderConsole'
import { orgMeta, readerMeta } from './fixtures/orgMeta'

const list = (rows: unknown[]) => ({ data: rows, headers: { 'x-total-count': String(rows.length) } })
const day = (offset: number) => dayjs().add(offset, 'day')

const acme = {
  id: 42, email: 'ops@acme.test', type: 'organization', org_type: 'enterprise', org_name: 'Acme Ltd', verification_status: 'verified',
  org_opened_at: '2026-10-01T08:00:00Z', billing_mode: 'postpaid', bill_cycle: 'monthly', payment_terms_days: 15, overdue_suspend_days: 7,
  tax_rate: '6.0000', bill_discount_rate: '0.0000', billing_suspended_at: '2026-11-20T00:10:00Z', billing_suspended_reason: 'Bill B202610-000003 overdue',
}
const members = [
  { id: 7, org_id: 42, customer_id: 51, role: 'developer', monthly_spend_cap: '500.000000', month_spend: '120.500000', status: 'active', joined_at: '2026-10-02T09:00:00Z', _labels: { customer_id: 'dev@acme.test' } },
  { id: 6, org_id: 42, customer_id: 42, role: 'admin', monthly_spend_cap: null, month_spend: '0.000000', status: 'active', joined_at: '2026-10-01T08:00:00Z', _labels: { customer_id: 'ops@acme.test' } },
]
const bills = [
  { id: 9, number: 'B202611-000009', org_id: 42, period_start: '2026-10-01T00:00:00Z', period_end: '2026-11-01T00:00:00Z', total: '1000.000000', amount_due: '1000.000000', paid: '0.000000', outstanding: '1000.000000', status: 'issued', invoice_status: 'none', due_at: day(-3).toISOString() },
  { id: 8, number: 'B202610-000008', org_id: 42, period_start: '2026-09-01T00:00:00Z', period_end: '2026-10-01T00:00:00Z', total: '900.000000', amount_due: '900.000000', paid: '500.000000', outstanding: '400.000000', status: 'partially_paid', invoice_status: 'none', due_at: day(5).toISOString() },
]
const routes = (customer: Record<string, unknown> = acme, extra: MockRoute[] = []): MockRoute[] => [
  ...extra,
  ['GET', '/api/admin/users/42', { data: customer }],
  ['GET', '/api/admin/users/42/balances', { data: { currency: 'USD', cash: '0.000000', gift: '0.000000', onHold: '0.000000', arrears: '0.000000' } }],
  ['GET', '/api/admin/users/42/tier', { status: 404, data: { message: 'No tier' } }],
  ['GET', '/api/admin/organizations/42', { data: { id: 42, org_name: 'Acme Ltd', member_count: 2, credit_limit: '5000.000000' } }],
  ['GET', '/api/admin/organization-members', list(members)],
  ['GET', '/api/admin/organization-invitations', list([{ id: 3, org_id: 42, email: 'fin@acme.test', role: 'finance', status: 'pending', state: 'pending', expires_at: day(6).toISOString() }])],
  ['GET', '/api/admin/org-kyc-reviews', list([{ id: 11, org_id: 42, status: 'approved', decided_at: '2026-10-03T10:00:00Z', reviewer_id: 1, document_file_ids: [301, 302], _labels: { reviewer_id: 'root@creditdesk.test' } }])],
  ['GET', '/api/admin/contracts', list([{ id: 4, number: 'CT202610-000004', org_id: 42, title: 'Master services agreement', status: 'active', expires_on: day(12).format('YYYY-MM-DD'), file_id: 88, file_name: 'msa-signed.pdf' }])],
  ['GET', '/api/admin/bills', (req) => list(req.query.getAll('status').length ? bills : [...bills, { id: 7, number: 'B202609-000007', status: 'settled', outstanding: '0.000000' }])],
]
const panel = () => screen.findByTestId('org-panel')
const openTab = async (user: { click: (el: Element) => Promise<void> }, name: string) => user.click(within(await panel()).getByRole('tab', { name }))

describe('customer page: organization panel', () => {
  it('sums up the organization: type, verification with its review, billing terms, suspension with its lift action', { timeout: 30_000 }, async () => {
    renderConsole({ meta: orgMeta, path: '/r/users/show/42', routes: routes() })
    const box = await panel()
    await waitFor(() => expect(within(box).getByText('Enterprise')).toBeInTheDocument())
    expect(within(box).getByText('Verified')).toBeInTheDocument()
    const review = await within(box).findByTestId('org-latest-review')
    expect(within(review).queryByRole('link', { name: /All .* reviews/ })).toBeNull()
    expect(review).toHaveTextContent(/^Approved Oct 3, 2026/)
    expect(review).toHaveTextContent('by root@creditdesk.test')
    expect(within(review).getAllByRole('button', { name: /Download Document [12]/ })).toHaveLength(2)
    expect(within(box).getByText('Postpaid')).toBeInTheDocument()
    expect(within(box).getByTestId('org-billing-terms')).toHaveTextContent('Billed monthly · due 15 days after issue · suspended 7 days after the due date · tax 6%')
    await waitFor(() => expect(within(box).getByText('$5,000.00')).toBeInTheDocument())
    expect(within(box).getByText(/^Suspended since Nov 20, 2026/)).toBeInTheDocument()
    expect(within(box).getByText('Bill B202610-000003 overdue')).toBeInTheDocument()
    expect(box.querySelector('button[data-action="lift_suspension"]')).not.toBeNull()
    expect(box.querySelector('button[data-action="set_billing"]')).not.toBeNull()
    // the organization's tabs live in the panel; the page's own tabs do not repeat them
    expect(within(box).getAllByRole('tab').map((t) => t.textContent)).toEqual(['Members', 'Pending invitations', 'Contracts', 'Bills'])
    const pageTabs = [...document.querySelectorAll('.cd-section > .ant-card-body > .ant-tabs > .ant-tabs-nav [role="tab"]')].map((t) => t.textContent)
    expect(pageTabs).not.toContain('Members')
    // organization fields are not repeated among the customer's details
    expect(screen.queryByText('Payment terms (days)')).toBeNull()
  })

  it('lists active members with role, cap and this month’s spend; changes a role and removes with a reason', { timeout: 90_000 }, async () => {
    const { user, requests } = renderConsole({
      meta: orgMeta,
      path: '/r/users/show/42',
      routes: routes(acme, [
        ['PATCH', '/api/admin/organization-members/7', { data: { ...members[0], role: 'finance' } }],
        ['POST', '/api/admin/organization-members/7/actions/remove', { data: { message: 'Removed dev@acme.test' } }],
      ]),
    })
    const box = await panel()
    const row = (await within(box).findByText('dev@acme.test')).closest('tr') as HTMLElement
    expect(row).toHaveTextContent('Developer')
    expect(row).toHaveTextContent('$500.00')
    expect(row).toHaveTextContent('$120.50')
    const admin = within(box).getByText('ops@acme.test').closest('tr') as HTMLElement
    expect(admin).toHaveTextContent('No cap')
    const sent = requestsTo(requests, 'GET', '/api/admin/organization-members').at(-1)!
    expect(sent.query.get('org_id')).toBe('42')
    expect(sent.query.get('status')).toBe('active')

    await user.click(within(row).getByRole('button', { name: /Change role or cap/ }))
    const dialog = await screen.findByRole('dialog', { name: 'Member dev@acme.test' })
    await user.click(within(dialog).getByRole('combobox', { name: 'Role' }))
    await user.click(await screen.findByTitle('Finance'))
    await user.click(within(dialog).getByRole('button', { name: /Save/ }))
    await waitFor(() => expect(requestsTo(requests, 'PATCH', '/api/admin/organization-members/7')).toHaveLength(1))
    expect(requestsTo(requests, 'PATCH', '/api/admin/organization-members/7')[0].body).toEqual({ role: 'finance', monthly_spend_cap: '500.000000' })
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Member dev@acme.test' })).toBeNull())

    await user.click(within(row).getByRole('button', { name: 'Remove' }))
    const confirm = await screen.findByRole('dialog', { name: 'Remove' })
    await user.click(within(confirm).getByRole('textbox', { name: 'Reason' }))
    await user.paste('Left the company')
    await user.click(within(confirm).getByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(requestsTo(requests, 'POST', '/api/admin/organization-members/7/actions/remove')).toHaveLength(1))
    expect(requestsTo(requests, 'POST', '/api/admin/organization-members/7/actions/remove')[0].body).toEqual({ reason: 'Left the company' })
  })

  it('pending invitations, contracts with their file and actions, and what the bills still owe', { timeout: 60_000 }, async () => {
    const { user, requests } = renderConsole({ meta: orgMeta, path: '/r/users/show/42', routes: routes() })
    await openTab(user, 'Pending invitations')
    const invitation = (await screen.findByText('fin@acme.test')).closest('tr') as HTMLElement
    expect(invitation).toHaveTextContent('Finance')
    expect(within(invitation).getByRole('button', { name: 'Revoke' })).toBeInTheDocument()
    expect(within(invitation).getByRole('button', { name: 'Send again' })).toBeInTheDocument()
    expect(requestsTo(requests, 'GET', '/api/admin/organization-invitations').at(-1)!.query.get('state')).toBe('pending')

    await openTab(user, 'Contracts')
    const contract = (await screen.findByText('Master services agreement')).closest('tr') as HTMLElement
    expect(contract).toHaveTextContent('Active')
    expect(within(contract).getByLabelText('Expires in 12 days')).toBeInTheDocument()
    expect(within(contract).getByRole('button', { name: /Download msa-signed\.pdf/ })).toBeInTheDocument()
    expect([...contract.querySelectorAll('button[data-action]')].map((b) => b.getAttribute('data-action'))).toEqual(['replace', 'void'])
    expect(screen.getByRole('link', { name: /New contract/ })).toHaveAttribute('href', '/r/contracts/create?org_id=42')

    await openTab(user, 'Bills')
    const summary = await screen.findByRole('group', { name: 'Bills summary' })
    await waitFor(() => expect(summary.querySelector('[data-figure="outstanding"]')).toHaveTextContent('Outstanding$1,400.00'))
    expect(summary.querySelector('[data-figure="open"]')).toHaveTextContent('Open bills2')
    expect(summary.querySelector('[data-figure="overdue"]')).toHaveTextContent('Overdue1$1,000.00')
    const open = requestsTo(requests, 'GET', '/api/admin/bills').find((r) => r.query.getAll('status').length)!
    expect(open.query.getAll('status')).toEqual(['issued', 'awaiting_payment', 'partially_paid'])
    expect(open.query.get('org_id')).toBe('42')
    const latest = (await screen.findByText('B202611-000009')).closest('tr') as HTMLElement
    expect(latest).toHaveTextContent('Oct 1 – 31, 2026')
    expect(within(latest).getByRole('link', { name: 'B202611-000009' })).toHaveAttribute('href', '/r/bills/show/9')
  })

  it('an individual customer has no panel; opening organization access is one of its actions', { timeout: 30_000 }, async () => {
    const { user } = renderConsole({ meta: orgMeta, path: '/r/users/show/42', routes: routes({ id: 42, email: 'bob@example.com', type: 'individual', org_opened_at: null, billing_suspended_at: null }) })
    await screen.findByRole('group', { name: 'Balances' })
    expect(screen.queryByTestId('org-panel')).toBeNull()
    await user.click(await screen.findByRole('button', { name: /More actions/ }))
    expect(screen.queryByRole('menuitem', { name: 'Invite member' })).toBeNull()
    await user.click(await screen.findByRole('menuitem', { name: 'Open organization access' }))
    const dialog = await screen.findByRole('dialog', { name: 'Open organization access' })
    expect(within(dialog).getByText('For bob@example.com')).toBeInTheDocument()
    expect(within(dialog).getByRole('combobox', { name: 'Organization type' })).toBeInTheDocument()
    expect(within(dialog).getByRole('textbox', { name: 'Organization name' })).toBeInTheDocument()
    expect(within(dialog).getByRole('textbox', { name: 'Reason' })).toBeInTheDocument()
  })

  it('a viewer without the organization resources sees the summary only', { timeout: 30_000 }, async () => {
    renderConsole({ meta: readerMeta, path: '/r/users/show/42', routes: routes() })
    const box = await panel()
    await waitFor(() => expect(within(box).getByText('Acme Ltd')).toBeInTheDocument())
    expect(within(box).queryAllByRole('tab')).toHaveLength(0)
    expect(box.querySelectorAll('button[data-action]')).toHaveLength(0)
  })

  it('an organization opens on its customer page', { timeout: 30_000 }, async () => {
    renderConsole({ meta: orgMeta, path: '/r/organizations/show/42', routes: routes() })
    expect(await screen.findByTestId('org-panel')).toBeInTheDocument()
    expect(await screen.findByRole('group', { name: 'Balances' })).toBeInTheDocument()
  })

  it('in Chinese', { timeout: 30_000 }, async () => {
    renderConsole({ meta: orgMeta, path: '/r/users/show/42', routes: routes(), lang: 'zh-CN' })
    const box = await panel()
    await waitFor(() => expect(within(box).getByText('企业')).toBeInTheDocument())
    expect(within(box).getByText('机构')).toBeInTheDocument()
    expect(within(box).getAllByRole('tab').map((t) => t.textContent)).toEqual(['成员', '待接受邀请', '合同', '账单'])
    expect(within(box).getByTestId('org-billing-terms')).toHaveTextContent('按月出账 · 出账后 15 天内付款 · 逾期 7 天停用 · 税率 6%')
    expect(within(box).getByText(/^自 2026年11月20日.* 起停用$/)).toBeInTheDocument()
  })
})
