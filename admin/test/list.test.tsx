import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderConsole, requestsTo } from './support/renderConsole'
import { superAdminMeta, userRows } from './fixtures/meta'

const usersRoute = ['GET', '/api/admin/users', { data: userRows, headers: { 'x-total-count': '2' } }] as const

const headerTexts = () => screen.getAllByRole('columnheader').map((th) => th.textContent?.trim()).filter(Boolean)

describe('generated list', () => {
  it('renders the declared list columns in order, with typed values', async () => {
    renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [[...usersRoute]] })
    expect(await screen.findByText('bob@example.com')).toBeInTheDocument()
    expect(headerTexts()).toEqual(['ID', 'Email', 'Nickname', 'Type', 'Balance', 'Phone', 'Frozen', 'Created', 'Actions'])
    expect(screen.queryByRole('columnheader', { name: /notes|metadata/i })).toBeNull()

    const bob = screen.getByText('bob@example.com').closest('tr')!
    expect(within(bob).getByText('Individual')).toBeInTheDocument() // enum → localized tag
    expect(within(bob).getByText('$1,234.50')).toBeInTheDocument() // money from a decimal string
    expect(within(bob).getByText('••••1234')).toBeInTheDocument() // sensitive stays masked
    expect(within(bob).getByRole('button', { name: 'Reveal' })).toBeInTheDocument()
    const acme = screen.getByText('acme@example.com').closest('tr')!
    expect(within(acme).getByText('$0.0015')).toBeInTheDocument() // sub-cent precision is kept
    expect(screen.getByText('Total 2')).toBeInTheDocument()
  })

  it('shows an empty sensitive value as an em dash, with nothing to reveal', async () => {
    const rows = [{ ...userRows[0], phone: null }, { ...userRows[1], phone: '+1 555 0109876' }]
    renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [['GET', '/api/admin/users', { data: rows, headers: { 'x-total-count': '2' } }]] })
    const bob = (await screen.findByText('bob@example.com')).closest('tr')!
    const phoneColumn = screen.getAllByRole('columnheader').findIndex((th) => th.textContent?.trim() === 'Phone')
    const phoneCell = within(bob).getAllByRole('cell')[phoneColumn]
    expect(phoneCell.textContent).toBe('—')
    expect(within(bob).queryByRole('button', { name: 'Reveal' })).toBeNull()
    expect(within(bob).queryByText(/•/)).toBeNull()
    // a clear value (the caller may see it) needs no reveal either
    const acme = screen.getByText('acme@example.com').closest('tr')!
    expect(within(acme).getByText('+1 555 0109876')).toBeInTheDocument()
    expect(within(acme).queryByRole('button', { name: 'Reveal' })).toBeNull()
  })

  it('requests page 1 with the declared default sort', async () => {
    const { requests } = renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [[...usersRoute]] })
    await screen.findByText('bob@example.com')
    const [first] = requestsTo(requests, 'GET', '/api/admin/users')
    expect(first.url).toBe('/api/admin/users?_end=20&_order=desc&_sort=created_at&_start=0')
  })

  it('shows the primary filters inline and sends the right operators', async () => {
    const { requests, user } = renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [[...usersRoute]] })
    await screen.findByText('bob@example.com')

    const filters = document.querySelector('.cd-filterbar') as HTMLElement
    const bar = within(filters)
    for (const name of ['Search…', 'Email', 'Balance ≥ Min', 'Balance ≤ Max']) expect(bar.getByRole('textbox', { name })).toBeInTheDocument()
    expect(bar.getByRole('combobox', { name: 'Type' })).toBeInTheDocument() // enum → multi-select (in)
    expect(bar.getByPlaceholderText('Created From')).toBeInTheDocument() // datetime → range
    // not primary: behind "More filters"
    expect(bar.queryByRole('spinbutton', { name: 'ID' })).toBeNull()
    expect(bar.queryByRole('combobox', { name: 'Frozen' })).toBeNull()
    expect(bar.queryByRole('combobox', { name: 'Account manager' })).toBeNull()

    await user.type(bar.getByRole('textbox', { name: 'Email' }), 'bob')
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/users').at(-1)!.query.get('email_like')).toBe('bob'))

    await user.type(bar.getByRole('textbox', { name: 'Balance ≥ Min' }), '10.5')
    await waitFor(() => {
      const last = requestsTo(requests, 'GET', '/api/admin/users').at(-1)!
      expect(last.query.get('credits_gte')).toBe('10.5')
      expect(last.query.get('email_like')).toBe('bob')
      expect(last.query.get('_start')).toBe('0')
    })

    await user.type(bar.getByRole('textbox', { name: 'Search…' }), 'acme')
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/users').at(-1)!.query.get('q')).toBe('acme'))
  })

  it('keeps the other filters in a drawer that counts the active ones and clears them', async () => {
    const { requests, user } = renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [[...usersRoute]] })
    await screen.findByText('bob@example.com')
    const more = screen.getByTestId('more-filters')
    await user.click(more)
    const drawer = within(await screen.findByRole('dialog'))
    for (const name of ['ID', 'Frozen', 'Account manager']) expect(drawer.getByText(name, { selector: 'label' })).toBeInTheDocument()
    expect(drawer.queryByText('Email', { selector: 'label' })).toBeNull() // primary filters are not repeated

    await user.click(drawer.getByRole('combobox', { name: 'Frozen' }))
    await user.click(await screen.findByTitle('Frozen: Yes'))
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/users').at(-1)!.query.get('frozen')).toBe('true'))
    expect(more.closest('.ant-badge')!.querySelector('.ant-badge-count')!.textContent).toBe('1')

    await user.click(drawer.getByRole('button', { name: 'Clear all' }))
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/users').at(-1)!.query.has('frozen')).toBe(false))
    await waitFor(() => expect(more.closest('.ant-badge')!.querySelector('.ant-badge-count')).toBeNull())
  })

  it('sends a filter it has no control for on unchanged (a link from a related record)', async () => {
    const link = '/r/users?filters[0][field]=account_manager_id&filters[0][operator]=ne&filters[0][value]=5'
    const { requests, user } = renderConsole({ meta: superAdminMeta, path: link, routes: [[...usersRoute]] })
    await screen.findByText('bob@example.com')
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'bob')
    await waitFor(() => {
      const last = requestsTo(requests, 'GET', '/api/admin/users').at(-1)!
      expect(last.query.get('email_like')).toBe('bob')
      expect(last.query.get('account_manager_id_ne')).toBe('5')
    })
  })

  it('shows per-row actions that match the record state, and bulk actions on selection', async () => {
    const { user } = renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [[...usersRoute]] })
    const bob = (await screen.findByText('bob@example.com')).closest('tr')!
    const acme = screen.getByText('acme@example.com').closest('tr')!
    expect(within(bob).getByRole('button', { name: /Freeze/ })).toBeInTheDocument()
    expect(within(bob).queryByRole('button', { name: /Unfreeze/ })).toBeNull()
    expect(within(acme).getByRole('button', { name: /Unfreeze/ })).toBeInTheDocument()
    expect(within(bob).getByRole('button', { name: /Reset password/ })).toBeInTheDocument()
    await waitFor(() => {
      expect(within(bob).getByRole('button', { name: /eye/ })).toBeInTheDocument()
      expect(within(bob).getByRole('button', { name: /edit/ })).toBeInTheDocument()
      expect(within(bob).getByRole('button', { name: /delete/ })).toBeInTheDocument()
    })

    expect(screen.queryByRole('button', { name: /Freeze selected/ })).toBeNull()
    await user.click(within(bob).getByRole('checkbox'))
    expect(await screen.findByRole('button', { name: /Freeze selected/ })).toBeInTheDocument()
    expect(screen.getByText('1 selected')).toBeInTheDocument()
  })

  it('header has Export, Columns and Create for a role that may use them', async () => {
    renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [[...usersRoute]] })
    await screen.findByText('bob@example.com')
    expect(screen.getByRole('button', { name: /Export CSV/ })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /Columns/ })).toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('button', { name: /Create/ })).toBeInTheDocument())
  })

  it('column chooser hides a column and remembers it per resource', async () => {
    const { user } = renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [[...usersRoute]] })
    await screen.findByText('bob@example.com')
    await user.click(screen.getByRole('button', { name: /Columns/ }))
    await user.click(await screen.findByRole('checkbox', { name: 'Phone' }))
    await waitFor(() => expect(headerTexts()).not.toContain('Phone'))
    expect(JSON.parse(localStorage.getItem('creditdesk.columns.users')!)).toEqual(['phone'])
  })

  it('shows relation values by the related record label (one batched getMany)', async () => {
    const { requests } = renderConsole({
      meta: superAdminMeta,
      path: '/r/staff',
      routes: [
        ['GET', '/api/admin/staff', { data: [{ id: 1, name: 'Ada Lovelace', email: 'root@x', role_id: 1 }, { id: 2, name: 'Sam', email: 'sam@x', role_id: 3 }], headers: { 'x-total-count': '2' } }],
        ['GET', '/api/admin/roles', (req) => ({ data: req.query.getAll('id').map((id) => ({ id: Number(id), label: id === '1' ? 'Super admin' : 'Support' })) })],
      ],
    })
    const ada = (await screen.findByText('Ada Lovelace')).closest('tr')!
    await waitFor(() => expect(within(ada).getByText('Super admin')).toBeInTheDocument())
    expect(within(screen.getByText('Sam').closest('tr')!).getByText('Support')).toBeInTheDocument()
    const lookups = requestsTo(requests, 'GET', '/api/admin/roles').filter((r) => r.query.has('id')) // the filter's select lists roles too
    expect(lookups).toHaveLength(1)
    expect(lookups[0].url).toBe('/api/admin/roles?id=1&id=3')
  })

  it('deletes a row after its confirmation, says so, and asks for the list again', async () => {
    let deleted = false
    const { user, requests } = renderConsole({
      meta: superAdminMeta,
      path: '/r/users',
      routes: [
        ['GET', '/api/admin/users', () => ({ data: deleted ? [userRows[1]] : userRows, headers: { 'x-total-count': deleted ? '1' : '2' } })],
        ['DELETE', '/api/admin/users/42', () => ((deleted = true), { data: { id: 42 } })],
      ],
    })
    const bob = (await screen.findByText('bob@example.com')).closest('tr')!
    await user.click(within(bob).getByRole('button', { name: 'delete' }))
    expect(requestsTo(requests, 'DELETE', '/api/admin/users/42')).toHaveLength(0) // nothing before the confirmation
    const confirmation = (await screen.findByText('Are you sure?')).closest('.ant-popover') as HTMLElement
    await user.click(within(confirmation).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(screen.queryByText('bob@example.com')).toBeNull())
    expect(requestsTo(requests, 'DELETE', '/api/admin/users/42')).toHaveLength(1)
    expect(await screen.findByText(/^Deleted/)).toHaveTextContent('Deleted Customers') // the resource's label
  })
})
