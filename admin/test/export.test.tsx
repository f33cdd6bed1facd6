import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import type { CrudFilters } from '@refinedev/core'
import { buildExportUrl, exportFileName } from '../src/engine/export/exportUrl'
import { streamCsv } from '../src/engine/export/streamCsv'
import { renderConsole } from './support/renderConsole'
import { superAdminMeta, userRows } from './fixtures/meta'

const csvResponse = (chunks: string[], headers: Record<string, string> = {}) => {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c))
      controller.close()
    },
  })
  return new Response(body, { status: 200, headers: { 'content-type': 'text/csv', ...headers } })
}

describe('CSV export', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('encodes filters and sort exactly like simple-rest getList, without pagination', () => {
    const filters: CrudFilters = [
      { field: 'q', operator: 'eq', value: 'acme corp' },
      { field: 'email', operator: 'contains', value: 'bob' },
      { field: 'type', operator: 'in', value: ['individual', 'business'] },
      { field: 'credits', operator: 'gte', value: '10.50' },
      { field: 'created_at', operator: 'lte', value: '2026-11-30T23:59:59.999Z' },
      { field: 'frozen', operator: 'ne', value: 'true' },
    ]
    const url = buildExportUrl('users', filters, [{ field: 'created_at', order: 'desc' }, { field: 'email', order: 'asc' }])
    expect(url).toBe(
      '/api/admin/users/export?_order=desc%2Casc&_sort=created_at%2Cemail&created_at_lte=2026-11-30T23%3A59%3A59.999Z' +
        '&credits_gte=10.50&email_like=bob&frozen_ne=true&q=acme%20corp&type=individual&type=business',
    )
    expect(buildExportUrl('audit-logs')).toBe('/api/admin/audit-logs/export')
    expect(buildExportUrl('audit-logs', [], [], { lang: 'zh-CN', timeZone: 'Asia/Shanghai' })).toBe('/api/admin/audit-logs/export?_lang=zh-CN&_tz=Asia%2FShanghai')
  })

  it('names the file <resource>-YYYYMMDD-HHmm.csv in local time', () => {
    expect(exportFileName('users', new Date(2026, 10, 22, 9, 5))).toBe('users-20261122-0905.csv')
  })

  it('streams the body, counting rows (newlines minus header) and reporting progress', async () => {
    const progress: { rows: number; total?: number }[] = []
    const fetcher = vi.fn(async () => csvResponse(['id,email\n1,a@x\n2,', 'b@x\n3,c@x\n'], { 'x-total-count': '3' }))
    const { blob, rows } = await streamCsv('/api/admin/users/export', new AbortController().signal, (p) => progress.push(p), fetcher as unknown as typeof fetch)
    expect(rows).toBe(3)
    expect(progress.map((p) => p.rows)).toEqual([1, 3, 3])
    expect(progress.at(-1)!.total).toBe(3)
    expect(await blob.text()).toBe('id,email\n1,a@x\n2,b@x\n3,c@x\n')
  })

  it('surfaces the server message when the export is refused', async () => {
    const fetcher = vi.fn(async () => new Response(JSON.stringify({ message: 'Not permitted' }), { status: 403 }))
    await expect(streamCsv('/x', new AbortController().signal, () => {}, fetcher as unknown as typeof fetch)).rejects.toThrow('Not permitted')
  })

  it('the list button exports with the filters and sort currently in the URL', async () => {
    const fetchMock = vi.fn(async () => csvResponse(['id,email\n42,bob@example.com\n']))
    vi.stubGlobal('fetch', fetchMock)
    URL.createObjectURL = vi.fn(() => 'blob:csv')
    URL.revokeObjectURL = vi.fn()
    const clicked: string[] = []
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this.download)
    }
    const path = '/r/users?filters[0][field]=email&filters[0][operator]=contains&filters[0][value]=bob&sorters[0][field]=email&sorters[0][order]=asc'
    const { user } = renderConsole({ meta: superAdminMeta, path, routes: [['GET', '/api/admin/users', { data: userRows.slice(0, 1), headers: { 'x-total-count': '1' } }]] })
    await screen.findByText('bob@example.com')
    await user.click(screen.getByRole('button', { name: /Export CSV/ }))
    await waitFor(() => expect(clicked).toHaveLength(1))
    const tz = encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone)
    expect(fetchMock).toHaveBeenCalledWith(`/api/admin/users/export?_lang=en&_order=asc&_sort=email&_tz=${tz}&email_like=bob`, expect.objectContaining({ credentials: 'same-origin' }))
    expect(clicked[0]).toMatch(/^users-\d{8}-\d{4}\.csv$/)
  })
})
