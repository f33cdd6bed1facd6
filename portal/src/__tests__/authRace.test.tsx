import { act, render, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ACTING_ORG_STORAGE_KEY } from '../api/acting'
import { AuthProvider, useAuth } from '../auth/AuthContext'
import type { PortalUser } from '../api/types'
import { mockApi, sampleUser, type MockReply, type RecordedRequest } from '../test/mockApi'
import { actingHeader, meWithOrgs } from '../test/orgs'

let auth: ReturnType<typeof useAuth>
function Probe() {
  auth = useAuth()
  return null
}

describe('the session held by the auth provider', () => {
  it('a slow answer for the account the tab has left does not undo a switch made since', async () => {
    const answer = meWithOrgs()
    let releaseOwn: (() => void) | null = null
    let ownCalls = 0
    mockApi({
      'GET /auth/me': (req: RecordedRequest) => {
        // the first answer for the person's own account (the page's, then sign-in's) arrives late
        if (actingHeader(req) !== null) return answer(req)
        ownCalls += 1
        if (ownCalls === 1) return answer(req)
        return new Promise<MockReply>((resolve) => {
          releaseOwn = () => resolve(answer(req))
        })
      },
    })
    render(
      <AuthProvider>
        <Probe />
      </AuthProvider>,
    )
    await waitFor(() => expect(auth.status).toBe('ready'))

    // signing in again asks for the session (slow), then joining an organization switches to it
    act(() => auth.setUser(sampleUser as PortalUser))
    await waitFor(() => expect(releaseOwn).not.toBeNull())
    await act(() => auth.switchOrg(42))
    expect(auth.access?.acting.orgId).toBe(42)

    await act(async () => releaseOwn!())
    expect(auth.access?.acting.orgId).toBe(42)
    expect(sessionStorage.getItem(ACTING_ORG_STORAGE_KEY)).toBe('42')
  })
})
