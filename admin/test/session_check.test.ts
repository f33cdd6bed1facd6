import { describe, expect, it, vi } from 'vitest'
import { createMetaStore } from '../src/meta/metaStore'
import { createAuthProvider } from '../src/providers/authProvider'
import { superAdminMeta as adminMeta } from './fixtures/meta'
import { createMockHttp, requestsTo } from './support/renderConsole'

describe('the session check', () => {
  it('is answered by the meta load a page starts, and asks the server again once that answer is old', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const { http, requests } = createMockHttp([
        ['GET', '/api/admin/meta', { data: adminMeta }],
        ['GET', '/api/admin/auth/me', { data: { user: adminMeta.user } }],
      ])
      localStorage.setItem('creditdesk.signedIn', '1')
      const store = createMetaStore(http) // a signed-in page load asks for meta at once
      const auth = createAuthProvider(http, store)
      expect(await auth.check!()).toEqual({ authenticated: true })
      expect(requestsTo(requests, 'GET', '/api/admin/meta')).toHaveLength(1)
      expect(requestsTo(requests, 'GET', '/api/admin/auth/me')).toHaveLength(0)
      expect(await auth.getIdentity!()).toEqual(adminMeta.user)

      vi.setSystemTime(Date.now() + 60_000)
      expect(await auth.check!()).toEqual({ authenticated: true })
      expect(requestsTo(requests, 'GET', '/api/admin/auth/me')).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('a page load without a session still ends on the sign-in page', async () => {
    const { http, requests } = createMockHttp([
      ['GET', '/api/admin/meta', { status: 401, data: { message: 'Unauthorized' } }],
      ['GET', '/api/admin/auth/me', { status: 401, data: { message: 'Unauthorized' } }],
    ])
    localStorage.setItem('creditdesk.signedIn', '1')
    const store = createMetaStore(http)
    const auth = createAuthProvider(http, store)
    expect(await auth.check!()).toMatchObject({ authenticated: false, redirectTo: '/login', logout: true })
    expect(requestsTo(requests, 'GET', '/api/admin/auth/me')).toHaveLength(1)
    expect(localStorage.getItem('creditdesk.signedIn')).toBeNull()
  })
})
