import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { diffGrants, normalizeGrants } from '../src/pages/roles/matrix'
import { renderConsole, requestsTo, type MockRoute } from './support/renderConsole'
import { superAdminMeta } from './fixtures/meta'

const matrix = {
  roles: [
    { id: 1, name: 'super_admin', label: { en: 'Super admin', 'zh-CN': '超级管理员' }, system: true },
    { id: 3, name: 'support', label: 'Support', system: false },
  ],
  resources: [
    { name: 'users', label: { en: 'Customers', 'zh-CN': '客户' }, actions: ['view', 'create', 'edit', 'delete', 'export', 'freeze'] },
    { name: 'audit-logs', label: { en: 'Audit log', 'zh-CN': '审计日志' }, actions: ['view', 'export'] },
  ],
  grants: { super_admin: {}, support: { users: ['view', 'export'], 'audit-logs': ['view'] } },
}

describe('permission matrix diff', () => {
  it('lists added and removed grants per resource', () => {
    const before = { users: ['view', 'export'], 'audit-logs': ['view'] }
    const after = { users: ['view', 'edit', 'freeze'], roles: ['view'] }
    expect(diffGrants(before, after)).toEqual({
      added: [
        { resource: 'roles', action: 'view' },
        { resource: 'users', action: 'edit' },
        { resource: 'users', action: 'freeze' },
      ],
      removed: [
        { resource: 'audit-logs', action: 'view' },
        { resource: 'users', action: 'export' },
      ],
    })
  })

  it('treats an empty list and a missing resource as the same thing', () => {
    expect(diffGrants(normalizeGrants({ users: [] }), normalizeGrants({}))).toEqual({ added: [], removed: [] })
    expect(diffGrants({ users: ['view'] }, { users: ['view'] })).toEqual({ added: [], removed: [] })
  })
})

describe('roles & policies page', () => {
  const routes = (onPut: (body: unknown) => void): MockRoute[] => [
    ['GET', '/api/admin/permissions/matrix', { data: matrix }],
    ['PUT', '/api/admin/permissions/matrix/support', (req) => {
      onPut(req.body)
      return { data: { grants: (req.body as { grants: unknown }).grants } }
    }],
  ]

  it('edits one role, previews the diff, then PUTs the new grants', async () => {
    let putBody: unknown
    const { user, requests } = renderConsole({ meta: superAdminMeta, path: '/roles-policies', routes: routes((b) => (putBody = b)) })
    const edit = await screen.findByRole('checkbox', { name: 'users:edit' })
    expect(edit).not.toBeChecked()
    expect(screen.getByRole('checkbox', { name: 'users:export' })).toBeChecked()
    expect(screen.getByRole('button', { name: /Preview changes/ })).toBeDisabled()

    await user.click(edit)
    await user.click(screen.getByRole('checkbox', { name: 'users:export' }))
    expect(screen.getByText('2 pending changes')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: /Preview changes/ }))

    const dialog = await screen.findByRole('dialog')
    const added = dialog.querySelectorAll('[data-kind="added"]')
    const removed = dialog.querySelectorAll('[data-kind="removed"]')
    expect([...added].map((n) => n.textContent)).toEqual(['+ GrantedCustomersEdit'])
    expect([...removed].map((n) => n.textContent)).toEqual(['− RevokedCustomersExport'])

    await user.click(within(dialog).getByRole('button', { name: 'Apply changes' }))
    await waitFor(() => expect(requestsTo(requests, 'PUT', '/api/admin/permissions/matrix/support')).toHaveLength(1))
    expect(putBody).toEqual({ grants: { users: ['edit', 'view'], 'audit-logs': ['view'] } })
    await waitFor(() => expect(screen.queryByText('2 pending changes')).toBeNull())
  })

  it('shows super_admin read-only with everything granted', async () => {
    const { user } = renderConsole({ meta: superAdminMeta, path: '/roles-policies', routes: routes(() => {}) })
    await screen.findByRole('checkbox', { name: 'users:edit' })
    await user.click(screen.getByText('Super admin', { selector: '.ant-menu-title-content *' }))
    expect(await screen.findByText('Super admin always holds every permission; it cannot be edited.')).toBeInTheDocument()
    const boxes = screen.getAllByRole('checkbox').filter((b) => /^[\w-]+:\w+$/.test(b.getAttribute('aria-label') ?? ''))
    expect(boxes.length).toBe(8)
    for (const box of boxes) {
      expect(box).toBeChecked()
      expect(box).toBeDisabled()
    }
    expect(screen.queryByRole('button', { name: /Preview changes/ })).toBeNull()
  })
})
