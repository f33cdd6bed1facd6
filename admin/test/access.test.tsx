import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderConsole } from './support/renderConsole'
import { superAdminMeta, supportMeta, userRows } from './fixtures/meta'
import { canAccess, canDo } from '../src/meta/permissions'

const usersRoute = ['GET', '/api/admin/users', { data: userRows, headers: { 'x-total-count': '2' } }] as const
const userRecord = ['GET', '/api/admin/users/42', { data: userRows[0] }] as const
const noAudit = ['GET', '/api/admin/audit-logs', { data: [], headers: { 'x-total-count': '0' } }] as const

describe('access control from meta permissions', () => {
  it('answers can() per action: list/show need view, others need their own name', () => {
    const users = supportMeta.resources[0]
    expect(canDo(users, 'list')).toBe(true)
    expect(canDo(users, 'show')).toBe(true)
    for (const action of ['create', 'edit', 'delete', 'export', 'freeze', 'view_sensitive']) expect(canDo(users, action)).toBe(false)
    const superUsers = superAdminMeta.resources[0]
    for (const action of ['create', 'edit', 'delete', 'export', 'freeze']) expect(canDo(superUsers, action)).toBe(true)
    // an operation the resource does not offer stays off even if granted
    expect(canDo({ ...superUsers, operations: { ...superUsers.operations, delete: false } }, 'delete')).toBe(false)
    expect(canAccess(supportMeta, 'roles-policies', 'list')).toBe(false)
    expect(canAccess(superAdminMeta, 'roles-policies', 'list')).toBe(true)
  })

  it('a view-only role sees no edit/delete/actions/export/create/reveal on the list', async () => {
    renderConsole({ meta: supportMeta, path: '/r/users', routes: [[...usersRoute]] })
    const bob = (await screen.findByText('bob@example.com')).closest('tr')!
    await waitFor(() => expect(within(bob).getByRole('button', { name: /eye/ })).toBeInTheDocument()) // show is allowed
    expect(within(bob).queryByRole('button', { name: /edit/ })).toBeNull()
    expect(within(bob).queryByRole('button', { name: /delete/ })).toBeNull()
    expect(within(bob).queryByRole('button', { name: /Freeze|Reset password/ })).toBeNull()
    expect(within(bob).queryByRole('button', { name: 'Reveal' })).toBeNull()
    expect(within(bob).getByText('••••1234')).toBeInTheDocument()
    expect(within(bob).queryByRole('checkbox')).toBeNull() // no bulk actions → no selection
    expect(screen.queryByRole('button', { name: /Export CSV/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /Create/ })).toBeNull()
  })

  it('the same list for super admin has all of them (the test above can fail)', async () => {
    renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [[...usersRoute]] })
    const bob = (await screen.findByText('bob@example.com')).closest('tr')!
    await waitFor(() => expect(within(bob).getByRole('button', { name: /edit/ })).toBeInTheDocument())
    expect(within(bob).getByRole('button', { name: /delete/ })).toBeInTheDocument()
    expect(within(bob).getByRole('button', { name: /Freeze/ })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /Export CSV/ })).toBeInTheDocument()
  })

  it('a view-only role gets no edit/delete/action buttons on the show page', async () => {
    renderConsole({ meta: supportMeta, path: '/r/users/show/42', routes: [[...userRecord], [...noAudit]] })
    await waitFor(() => expect(screen.getAllByText('bob@example.com').length).toBeGreaterThan(0))
    expect(screen.queryByRole('button', { name: /^edit Edit$|Edit/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /Freeze|Reset password/ })).toBeNull()
  })

  it('hides menu entries the role may not list, and the roles page', async () => {
    renderConsole({ meta: supportMeta, path: '/r/users', routes: [[...usersRoute], ['GET', '/api/admin/staff', { data: [], headers: { 'x-total-count': '0' } }]] })
    await screen.findByText('bob@example.com')
    const menu = document.querySelector('.ant-layout-sider') as HTMLElement
    await waitFor(() => expect(within(menu).getByText('Staff')).toBeInTheDocument())
    expect(within(menu).queryByText('Roles')).toBeNull()
    expect(within(menu).queryByText('Roles & policies')).toBeNull()
  })

  it('super admin sees Roles & policies in the menu', async () => {
    renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [[...usersRoute]] })
    await screen.findByText('bob@example.com')
    const menu = document.querySelector('.ant-layout-sider') as HTMLElement
    await waitFor(() => expect(within(menu).getByText('Roles & policies')).toBeInTheDocument())
    expect(within(menu).getByText('Roles')).toBeInTheDocument()
  })

  it('refuses a direct URL to a screen the role may not open', async () => {
    renderConsole({ meta: supportMeta, path: '/r/users/edit/42', routes: [[...userRecord]] })
    expect(await screen.findByText('You do not have access to this page.')).toBeInTheDocument()
  })
})
