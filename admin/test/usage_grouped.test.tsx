import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderConsole, requestsTo } from './support/renderConsole'
import { superAdminMeta, supportMeta } from './fixtures/meta'
import type { AdminMeta, ResourceMeta } from '../src/meta/types'
import { detailUrl } from '../src/pages/usage/usagePage'

const detail: ResourceMeta = { name: 'usage-records', label: { en: 'Consumption detail' }, group: 'usage', fields: [], permissions: ['view'] }
const withDetail: AdminMeta = { ...superAdminMeta, groups: { ...superAdminMeta.groups, usage: { en: 'Usage' } }, resources: [...superAdminMeta.resources, detail] }

const figures = (requests: number, charged: string) => ({
  requests, input_tokens: '1234567', output_tokens: '0', cache_read_tokens: '0', cache_write_tokens: '0',
  charged, cost: '0.500000', margin: '0.734567', cache_savings: '0.000000',
})
const reply = {
  data: {
    by: 'model',
    groups: [{ key: 3, label: 'gpt-4o-mini', ...figures(2, '1.234567') }, { key: null, label: null, ...figures(1, '0.000000') }],
    totals: figures(3, '1.234567'),
  },
}

describe('usage by …', () => {
  it('shows the groups and the totals row, asks for the last 7 days, and regroups by channel', async () => {
    const { requests, user } = renderConsole({ meta: withDetail, path: '/usage/grouped', routes: [['GET', '/api/admin/usage/grouped', reply]] })
    const totals = await screen.findByTestId('usage-totals')
    expect(within(totals).getByText('$1.234567')).toBeInTheDocument()
    expect(within(totals).getByText('1,234,567')).toBeInTheDocument()
    const link = screen.getByRole('link', { name: 'gpt-4o-mini' }).getAttribute('href')!
    const filters = new URLSearchParams(link.split('?')[1])
    expect(link.startsWith('/r/usage-records?')).toBe(true)
    expect([filters.get('filters[0][field]'), filters.get('filters[0][value]'), filters.get('filters[1][operator]')]).toEqual(['model_id', '3', 'gte'])
    expect(screen.getByText('(none)')).toBeInTheDocument()

    const first = new URLSearchParams(requestsTo(requests, 'GET', '/api/admin/usage/grouped')[0].url.split('?')[1])
    expect(first.get('by')).toBe('model')
    const days = (Date.parse(first.get('started_at_lte')!) - Date.parse(first.get('started_at_gte')!)) / 86_400_000
    expect(Math.round(days)).toBe(7)

    await user.click(screen.getByText('Channel'))
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/usage/grouped').some((r) => r.url.includes('by=channel'))).toBe(true))
    expect(screen.getByRole('link', { name: 'Usage by …' })).toBeInTheDocument()
  })

  it('a group links to the consumption detail filtered to it', async () => {
    const fields = [
      { name: 'started_at', type: 'datetime', label: { en: 'Time' }, list: true, filter: ['gte', 'lte'] },
      { name: 'model_id', type: 'relation', label: { en: 'Model' }, list: true, filter: ['eq', 'in'], relation: { resource: 'usage-models', labelField: 'code' } },
      { name: 'request_id', type: 'string', label: { en: 'Request ID' }, list: true, filter: ['eq'] },
    ]
    const meta: AdminMeta = { ...withDetail, resources: [...superAdminMeta.resources, { ...detail, fields } as ResourceMeta] }
    const { requests } = renderConsole({
      meta,
      path: detailUrl('model', 3, '2026-11-20T00:00:00.000Z', '2026-11-26T23:59:59.999Z'),
      routes: [['GET', '/api/admin/usage-records', { data: [], headers: { 'x-total-count': '0' } }]],
    })
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/admin/usage-records').length).toBeGreaterThan(0))
    const query = requestsTo(requests, 'GET', '/api/admin/usage-records').at(-1)!.query
    expect(query.get('model_id')).toBe('3')
    expect(query.get('started_at_gte')).toBe('2026-11-20T00:00:00.000Z')
    expect(query.get('started_at_lte')).toBe('2026-11-26T23:59:59.999Z')
  })

  it('has no menu entry for a role that may not list the consumption detail', async () => {
    renderConsole({ meta: supportMeta, path: '/', routes: [['GET', '/api/admin/dashboard/summary', { data: {} }]] })
    await screen.findByText('Dashboard', { selector: 'h3' })
    expect(screen.queryByRole('link', { name: 'Usage by …' })).toBeNull()
  })
})
