import { describe, expect, it } from 'vitest'
import { screen, within } from '@testing-library/react'
import { renderConsole } from './support/renderConsole'
import { superAdminMeta } from './fixtures/meta'

const entry = {
  id: 31, actor_type: 'staff', actor_id: 1, actor_label: 'root@old-address.test', actor_role: 'super_admin',
  action: 'update', resource: 'users', record_id: '42', reason: 'New account manager', ip: '2001:db8:85a3::8a2e:370:7334',
  changes: { before: { account_manager_id: 5 }, after: { account_manager_id: 6 } },
  occurred_at: '2026-11-21T09:00:00Z',
  _labels: { actor_id: 'root@creditdesk.test', record_id: 'bob@example.com' },
}
const unlabelled = { ...entry, id: 30, record_id: '99', reason: 'Gone since', _labels: { actor_id: null, record_id: null } }
const elsewhere = { ...entry, id: 29, resource: 'saved-views', action: 'create', record_id: '3', reason: 'A view', _labels: { actor_id: 'root@creditdesk.test', record_id: null } }

describe('audit viewer labels', () => {
  it('names actors and records by their labels, keeps the IP on one line and labels relations in the diff', async () => {
    const { user } = renderConsole({
      meta: superAdminMeta,
      path: '/r/audit-logs',
      routes: [
        ['GET', '/api/admin/audit-logs', { data: [entry, unlabelled, elsewhere], headers: { 'x-total-count': '3' } }],
        ['GET', '/api/admin/staff', (req) => ({
          data: [{ id: 5, name: 'Mia Manager' }, { id: 6, name: 'Noah Manager' }].filter((s) => req.query.getAll('id').includes(String(s.id))),
        })],
      ],
    })
    const row = (await screen.findByText('New account manager')).closest('tr')!
    expect(within(row).getByText('root@creditdesk.test')).toBeInTheDocument() // the server's label, not the stored snapshot
    const record = within(row).getByRole('link', { name: 'bob@example.com' })
    expect(record).toHaveAttribute('href', '/r/users/show/42')
    const ip = within(row).getByText('2001:db8:85a3::8a2e:370:7334')
    expect(ip).toHaveStyle({ whiteSpace: 'nowrap' })

    // a record without a label (deleted, or not visible) keeps its id; the actor falls back to the snapshot
    const other = screen.getByText('Gone since').closest('tr')!
    expect(within(other).getByRole('link', { name: '#99' })).toBeInTheDocument()
    expect(within(other).getByText('root@old-address.test')).toBeInTheDocument()

    // a resource this role cannot open is named in words, not by its key
    expect(within(screen.getByText('A view').closest('tr')!).getByText('Saved views')).toBeInTheDocument()

    await user.click(within(row).getByRole('button', { name: 'Expand row' }))
    const diff = await screen.findByRole('table', { name: 'Changes' })
    expect(within(diff).getByText('Account manager')).toBeInTheDocument()
    expect((await within(diff).findByText('Mia Manager')).closest('del')).not.toBeNull()
    expect((await within(diff).findByText('Noah Manager')).closest('ins')).not.toBeNull()
  })
})
