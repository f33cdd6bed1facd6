import { describe, expect, it } from 'vitest'
import { screen } from '@testing-library/react'
import { renderConsole } from './support/renderConsole'
import { superAdminMeta } from './fixtures/meta'
import type { AdminMeta } from '../src/meta/types'

const auditRoute = ['GET', '/api/admin/audit-logs', { data: [], headers: { 'x-total-count': '0' } }] as const
const withVerify: AdminMeta = {
  ...superAdminMeta,
  resources: superAdminMeta.resources.map((r) => (r.name === 'audit-logs' ? { ...r, permissions: [...r.permissions, 'verify_integrity'] } : r)),
}
const broken = {
  ok: false,
  checkedAt: '2026-11-27T12:00:00.000Z',
  chains: [
    { chain: 'audit', ok: false, sealed: 40, headSeq: '40', unsealed: 0, problem: { kind: 'row_altered', seq: '17', rowId: '17', detail: 'audit_logs row 17 was changed after it was sealed (seal 17)' } },
    { chain: 'ledger', ok: true, sealed: 3, headSeq: '3', unsealed: 0, problem: null },
  ],
}

describe('audit log integrity check', () => {
  it('runs the check and names the broken link, in both chains', async () => {
    const { user, requests } = renderConsole({ meta: withVerify, path: '/r/audit-logs', routes: [[...auditRoute], ['GET', '/api/admin/audit-integrity', { data: broken }]] })
    await user.click(await screen.findByRole('button', { name: /Verify integrity/ }))
    expect(await screen.findByText('Tampering found')).toBeInTheDocument()
    expect(screen.getByText(/Row changed after sealing · #17 — audit_logs row 17 was changed/)).toBeInTheDocument()
    expect(screen.getByText(/Ledger transactions: 3 sealed rows, head seal 3/)).toBeInTheDocument()
    expect(requests.some((r) => r.path === '/api/admin/audit-integrity')).toBe(true)
  })

  it('is offered only with the verify_integrity permission', async () => {
    renderConsole({ meta: superAdminMeta, path: '/r/audit-logs', routes: [[...auditRoute]] })
    expect(await screen.findByRole('button', { name: /Export/ })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Verify integrity/ })).toBeNull()
  })
})
