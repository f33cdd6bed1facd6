import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderConsole, requestsTo, type MockRoute, type RecordedRequest } from './support/renderConsole'
import { superAdminMeta, userRows } from './fixtures/meta'

const usersRoute: MockRoute = ['GET', '/api/admin/users', { data: userRows, headers: { 'x-total-count': '2' } }]

/** The summary answers like the server: tab counts ignore the tab field's own filter, follow the others. */
const summaryRoute: MockRoute = [
  'GET',
  '/api/admin/users/summary',
  (req) => {
    const bob = req.query.get('email_like') === 'bob'
    return {
      data: {
        count: bob ? 1 : 2,
        estimated: false,
        tabs: bob ? { all: 1, individual: 1, business: 0 } : { all: 2, individual: 1, business: 1 },
        totals: { credits: bob ? [{ currency: 'USD', amount: '1234.500000' }] : [{ currency: 'USD', amount: '1234.501500' }, { currency: 'EUR', amount: '-3.000000' }] },
      },
    }
  },
]

/** An in-memory saved-views endpoint for one staff member. */
function savedViewsRoutes(): MockRoute[] {
  const views: Array<{ id: number; resource: string; name: string; query: string; created_at: string }> = []
  return [
    ['GET', '/api/admin/saved-views', (req) => ({ data: views.filter((v) => v.resource === req.query.get('resource')) })],
    ['POST', '/api/admin/saved-views', (req) => {
      const body = req.body as { resource: string; name: string; query: string }
      const view = { id: views.length + 1, ...body, created_at: '2026-11-27T10:00:00Z' }
      views.push(view)
      return { status: 201, data: view }
    }],
    ['DELETE', /^\/api\/admin\/saved-views\/\d+$/, (req) => {
      const id = Number(req.path.split('/').pop())
      views.splice(views.findIndex((v) => v.id === id), 1)
      return { status: 204 }
    }],
  ]
}

const lastList = (requests: RecordedRequest[]) => requestsTo(requests, 'GET', '/api/admin/users').at(-1)!
const lastSummary = (requests: RecordedRequest[]) => requestsTo(requests, 'GET', '/api/admin/users/summary').at(-1)!
const headerTexts = () => screen.getAllByRole('columnheader').map((th) => th.textContent?.trim()).filter(Boolean)

describe('list: quick tabs, totals and saved views', () => {
  it('quick tabs filter the list by IN and show counts that follow the other filters', async () => {
    const { requests, user } = renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [usersRoute, summaryRoute] })
    await screen.findByText('bob@example.com')
    const tabs = document.querySelector('.cd-quick-tabs') as HTMLElement
    expect(within(tabs).getByRole('tab', { name: /All/, selected: true })).toBeInTheDocument()
    await waitFor(() => expect(screen.getByTestId('tab-count-business').textContent).toBe('1'))
    expect(screen.getByTestId('tab-count-all').textContent).toBe('2')

    await user.click(within(tabs).getByRole('tab', { name: /Businesses/ }))
    await waitFor(() => expect(lastList(requests).query.getAll('type')).toEqual(['business']))
    expect(lastList(requests).query.get('_start')).toBe('0')
    expect(within(tabs).getByRole('tab', { name: /Businesses/, selected: true })).toBeInTheDocument()
    await waitFor(() => expect(lastSummary(requests).query.getAll('type')).toEqual(['business']))

    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'bob')
    await waitFor(() => expect(lastSummary(requests).query.get('email_like')).toBe('bob'))
    await waitFor(() => expect(screen.getByTestId('tab-count-business').textContent).toBe('0'))
    expect(lastList(requests).query.getAll('type')).toEqual(['business']) // the tab stays on

    await user.click(within(tabs).getByRole('tab', { name: /All/ }))
    await waitFor(() => expect(lastList(requests).query.has('type')).toBe(false))
    expect(lastList(requests).query.get('email_like')).toBe('bob')
  })

  it('shows the count and the per-currency sum of the filtered rows above the table', async () => {
    renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [usersRoute, summaryRoute] })
    const totals = await screen.findByTestId('list-totals')
    await waitFor(() => expect(totals.textContent).toContain('$1,234.5015 · −€3.00'))
    expect(totals.textContent).toContain('Count 2')
    expect(totals.textContent).toContain('Balance')
  })

  it('saves the current view (filters, sort, columns) and applies it again', async () => {
    const { requests, user } = renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [usersRoute, summaryRoute, ...savedViewsRoutes()] })
    await screen.findByText('bob@example.com')
    expect(requestsTo(requests, 'GET', '/api/admin/saved-views')).toHaveLength(0) // nothing asked for at mount

    await user.click(within(document.querySelector('.cd-quick-tabs') as HTMLElement).getByRole('tab', { name: /Businesses/ }))
    await waitFor(() => expect(lastList(requests).query.getAll('type')).toEqual(['business']))
    await user.click(screen.getByRole('button', { name: /Columns/ }))
    await user.click(await screen.findByRole('checkbox', { name: 'Phone' }))
    await waitFor(() => expect(headerTexts()).not.toContain('Phone'))

    await user.click(screen.getByTestId('views-button'))
    const panel = within(await screen.findByTestId('saved-views'))
    expect(await panel.findByText('No saved views yet')).toBeInTheDocument()
    await user.type(panel.getByRole('textbox', { name: 'View name' }), 'Biz')
    await user.click(panel.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(requestsTo(requests, 'POST', '/api/admin/saved-views')).toHaveLength(1))
    const saved = requestsTo(requests, 'POST', '/api/admin/saved-views')[0].body as { resource: string; name: string; query: string }
    expect(saved.resource).toBe('users')
    expect(saved.name).toBe('Biz')
    const query = new URLSearchParams(saved.query)
    expect(query.get('filters[0][field]')).toBe('type')
    expect(query.get('filters[0][value][0]')).toBe('business')
    expect(query.get('sorters[0][field]')).toBe('created_at')
    expect(query.get('columns')).toBe('id,email,nickname,type,credits,frozen,created_at')
    expect(query.has('currentPage')).toBe(false)
    expect(await panel.findByText('Biz', { selector: '.cd-view-name span' })).toBeInTheDocument()

    // back to everything, then the saved view brings the filter and the columns back
    await user.click(within(document.querySelector('.cd-quick-tabs') as HTMLElement).getByRole('tab', { name: /All/ }))
    await user.click(screen.getByRole('button', { name: /Columns/ }))
    await user.click(await screen.findByRole('button', { name: 'Show all' }))
    await waitFor(() => expect(headerTexts()).toContain('Phone'))
    await waitFor(() => expect(lastList(requests).query.has('type')).toBe(false))

    await user.click(screen.getByTestId('views-button'))
    const before = requestsTo(requests, 'GET', '/api/admin/users').length
    await user.click(await screen.findByText('Biz', { selector: '.cd-view-name span' }))
    await waitFor(() => expect(lastList(requests).query.getAll('type')).toEqual(['business']))
    expect(requestsTo(requests, 'GET', '/api/admin/users').slice(before)).toHaveLength(1) // no refetch of the old view
    await waitFor(() => expect(headerTexts()).not.toContain('Phone'))
    expect(screen.getByTestId('views-button').textContent).toContain('Biz')

    await user.click(screen.getByTestId('views-button'))
    await user.click(await screen.findByRole('button', { name: 'Delete view “Biz”' }))
    await waitFor(() => expect(requestsTo(requests, 'DELETE', '/api/admin/saved-views/1')).toHaveLength(1))
    expect(await screen.findByText('No saved views yet')).toBeInTheDocument()
  }, 60_000)
})

describe('list: relations', () => {
  const staffRows = [
    { id: 1, name: 'Ada Lovelace', email: 'root@x', role_id: 1, _labels: { role_id: 'Super admin' } },
    { id: 2, name: 'Sam', email: 'sam@x', role_id: 3, _labels: { role_id: 'Support' } },
  ]
  const roles: MockRoute = ['GET', '/api/admin/roles', (req) => {
    const all = [{ id: 1, label: 'Super admin' }, { id: 3, label: 'Support' }]
    const q = req.query.get('q')?.toLowerCase()
    const ids = req.query.getAll('id')
    const data = ids.length ? all.filter((r) => ids.includes(String(r.id))) : all.filter((r) => !q || r.label.toLowerCase().includes(q))
    return { data, headers: { 'x-total-count': String(data.length) } }
  }]

  it('shows the labels the rows carry and looks nothing up at mount', async () => {
    const { requests } = renderConsole({
      meta: superAdminMeta,
      path: '/r/staff',
      routes: [['GET', '/api/admin/staff', { data: staffRows, headers: { 'x-total-count': '2' } }], roles],
    })
    const ada = (await screen.findByText('Ada Lovelace')).closest('tr')!
    expect(within(ada).getByRole('link', { name: 'Super admin' })).toHaveAttribute('href', '/r/roles/show/1')
    expect(within(screen.getByText('Sam').closest('tr')!).getByText('Support')).toBeInTheDocument()
    await new Promise((r) => setTimeout(r, 300))
    expect(requestsTo(requests, 'GET', '/api/admin/roles')).toHaveLength(0)
  })

  it('loads a relation filter’s options when it opens, searching by q as the user types', async () => {
    const { requests, user } = renderConsole({
      meta: superAdminMeta,
      path: '/r/staff',
      routes: [['GET', '/api/admin/staff', { data: staffRows, headers: { 'x-total-count': '2' } }], roles],
    })
    await screen.findByText('Ada Lovelace')
    expect(requestsTo(requests, 'GET', '/api/admin/roles')).toHaveLength(0)
    const select = screen.getByRole('combobox', { name: 'Role' })
    await user.click(select)
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/roles')[0]?.url).toBe('/api/admin/roles?_end=20&_start=0'))
    await user.type(select, 'sup')
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/roles').at(-1)!.query.get('q')).toBe('sup'))
    await user.click(await screen.findByTitle('Support'))
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/staff').at(-1)!.query.get('role_id')).toBe('3'))
  })

  it('shows the labels on a record page too, linked to the related record', async () => {
    const { requests } = renderConsole({
      meta: superAdminMeta,
      path: '/r/staff/show/1',
      routes: [['GET', '/api/admin/staff/1', { data: staffRows[0] }], ['GET', '/api/admin/audit-logs', { data: [], headers: { 'x-total-count': '0' } }], roles],
    })
    const link = await screen.findByRole('link', { name: 'Super admin' })
    expect(link).toHaveAttribute('href', '/r/roles/show/1')
    expect(screen.queryByText('#1')).toBeNull()
    expect(requestsTo(requests, 'GET', '/api/admin/roles')).toHaveLength(0)
  })

  it('names the current value of a relation filter by one getMany', async () => {
    const { requests } = renderConsole({
      meta: superAdminMeta,
      path: '/r/staff?filters[0][field]=role_id&filters[0][operator]=eq&filters[0][value]=3',
      routes: [['GET', '/api/admin/staff', { data: staffRows.slice(1), headers: { 'x-total-count': '1' } }], roles],
    })
    await screen.findByText('Sam')
    await waitFor(() => expect(document.querySelector('.cd-filterbar .ant-select-selection-item')?.textContent).toBe('Support'))
    expect(requestsTo(requests, 'GET', '/api/admin/roles').map((r) => r.url)).toEqual(['/api/admin/roles?id=3'])
  })
})
