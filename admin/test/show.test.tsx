import { beforeAll, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderConsole, requestsTo, type MockRoute } from './support/renderConsole'
import { superAdminMeta, userRows } from './fixtures/meta'
import { customPages } from '../src/engine/registry'

// The product shows customers on a hand-written page (customer.test.tsx); the generic show page is tested on this fixture.
beforeAll(() => {
  delete customPages.users
})

const history = [
  {
    id: 9, actor_type: 'staff', actor_id: 1, actor_label: 'root@creditdesk.test', actor_role: 'super_admin', action: 'update', resource: 'users', record_id: '42', reason: 'KYC done',
    changes: { before: { nickname: 'Bobby', credits: '10.00', phone: '••••1234' }, after: { nickname: 'Bob', credits: '10.00', tier: 'gold', phone: '••••1234' } },
    occurred_at: '2026-11-21T09:00:00Z',
  },
]

const routes = (extra: MockRoute[] = []): MockRoute[] => [
  ['GET', '/api/admin/users/42', { data: { ...userRows[0], notes: 'VIP', metadata: { plan: 'pro' } } }],
  ['GET', '/api/admin/audit-logs', { data: history, headers: { 'x-total-count': '1' } }],
  ...extra,
]

describe('generated show page', () => {
  it('renders show fields, and the audit history as a before/after diff', async () => {
    const { requests } = renderConsole({ meta: superAdminMeta, path: '/r/users/show/42', routes: routes() })
    expect(await screen.findByText('VIP')).toBeInTheDocument()
    const details = screen.getByText('Details', { selector: '.ant-card-head-title' }).closest('.ant-card') as HTMLElement
    for (const label of ['Email', 'Type', 'Balance', 'Phone', 'Notes', 'Metadata', 'Created']) expect(within(details).getByText(label)).toBeInTheDocument()
    expect(within(details).getByText('$1,234.50')).toBeInTheDocument()

    const diff = await screen.findByRole('table', { name: 'Changes' })
    const rows = within(diff).getAllByRole('row').slice(1)
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['changed', 'added']) // unchanged fields are left out
    expect(within(rows[0]).getByText('Nickname')).toBeInTheDocument()
    expect(within(rows[0]).getByText('Bobby').tagName).toBe('DEL')
    expect(within(rows[0]).getByText('Bob').tagName).toBe('INS')
    expect(screen.getByText('“KYC done”')).toBeInTheDocument()
    expect(screen.getByText('root@creditdesk.test')).toBeInTheDocument() // actor_label

    const audit = requestsTo(requests, 'GET', '/api/admin/audit-logs')[0]
    expect(audit.query.get('resource')).toBe('users')
    expect(audit.query.get('record_id')).toBe('42')
    expect(audit.query.get('_sort')).toBe('id')
    expect(audit.query.get('_order')).toBe('desc')
  })

  it('reveals a sensitive value through the audited endpoint', async () => {
    const { user, requests } = renderConsole({
      meta: superAdminMeta,
      path: '/r/users/show/42',
      routes: routes([['POST', '/api/admin/users/42/reveal', { data: { value: '+1 555 0101234' } }]]),
    })
    await screen.findByText('VIP')
    await user.click(screen.getByRole('button', { name: 'Reveal' }))
    expect(await screen.findByText('+1 555 0101234')).toBeInTheDocument()
    expect(requestsTo(requests, 'POST', '/api/admin/users/42/reveal')[0].body).toEqual({ field: 'phone' })
  })

  it('runs a custom action with a required reason and shows a refusal', async () => {
    const { user, requests } = renderConsole({
      meta: superAdminMeta,
      path: '/r/users/show/42',
      routes: routes([['POST', '/api/admin/users/42/actions/freeze', { status: 409, data: { message: 'User has a pending payout' } }]]),
    })
    await screen.findByText('VIP')
    await user.click(screen.getByRole('button', { name: /Freeze/ }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByText('Are you sure you want to Freeze bob@example.com?')).toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Freeze' }))
    expect(await within(dialog).findByText('A reason is required')).toBeInTheDocument()
    expect(requestsTo(requests, 'POST', '/api/admin/users/42/actions/freeze')).toHaveLength(0)

    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Chargeback')
    await user.click(within(dialog).getByRole('button', { name: 'Freeze' }))
    expect(await within(dialog).findByText('User has a pending payout')).toBeInTheDocument()
    expect(requestsTo(requests, 'POST', '/api/admin/users/42/actions/freeze')[0].body).toEqual({ reason: 'Chargeback' })
  })

  it('shows one-time result values in a copyable box', async () => {
    const { user } = renderConsole({
      meta: superAdminMeta,
      path: '/r/users/show/42',
      routes: routes([['POST', '/api/admin/users/42/actions/reset_password', { data: { message: 'Reset link created', once: true, result: { resetUrl: 'https://portal.test/reset/abc123' } } }]]),
    })
    await screen.findByText('VIP')
    await user.click(screen.getByRole('button', { name: /Reset password/ }))
    const dialog = await screen.findByRole('dialog')
    await user.click(within(dialog).getByRole('button', { name: 'Reset password' }))
    expect(await within(dialog).findByText('https://portal.test/reset/abc123')).toBeInTheDocument()
    expect(within(dialog).getByText('Copy this now — it will not be shown again.')).toBeInTheDocument()
    expect(within(dialog).getByRole('button', { name: /copy/i })).toBeInTheDocument()
    await waitFor(() => expect(screen.getAllByText('Reset link created').length).toBeGreaterThan(0))
  })
})
