import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { mockApi, signedIn } from '../test/mockApi'
import { renderApp } from '../test/render'

const CHROME_WIN =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'

const now = Date.now()
const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString()

const threeSessions = [
  { id: 11, ip: '198.51.100.7', user_agent: SAFARI_IPHONE, created_at: iso(3000), last_seen_at: iso(120), current: false },
  { id: 12, ip: '203.0.113.5', user_agent: CHROME_WIN, created_at: iso(60), last_seen_at: iso(1), current: true },
  { id: 13, ip: '192.0.2.44', user_agent: FIREFOX_LINUX, created_at: iso(9000), last_seen_at: iso(4000), current: false },
]

function rowOf(text: string) {
  const row = screen.getByText(text).closest('tr')
  if (!row) throw new Error(`no row for ${text}`)
  return row as HTMLElement
}

describe('active sessions', () => {
  it('lists sessions readably and marks only the current one as this device', async () => {
    mockApi({ 'GET /auth/me': signedIn, 'GET /sessions': { status: 200, data: threeSessions } })
    renderApp('/account/sessions')

    expect(await screen.findByText('Chrome 131 on Windows')).toBeInTheDocument()
    expect(screen.getByText('Safari 17 on iOS 17')).toBeInTheDocument()
    expect(screen.getByText('Firefox 133 on Linux')).toBeInTheDocument()

    expect(within(rowOf('Chrome 131 on Windows')).getByText('This device')).toBeInTheDocument()
    expect(within(rowOf('Chrome 131 on Windows')).getByText('203.0.113.5')).toBeInTheDocument()
    expect(within(rowOf('Safari 17 on iOS 17')).queryByText('This device')).not.toBeInTheDocument()
    expect(within(rowOf('Firefox 133 on Linux')).queryByText('This device')).not.toBeInTheDocument()
    expect(screen.getAllByText('This device')).toHaveLength(1)

    // current session first, then most recently seen
    const rows = screen.getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getByText(/ on /).textContent)).toEqual([
      'Chrome 131 on Windows',
      'Safari 17 on iOS 17',
      'Firefox 133 on Linux',
    ])
    expect(within(rowOf('Safari 17 on iOS 17')).getByText('2 hours ago')).toBeInTheDocument()
    expect(screen.queryByText(/[a-z]+\.[a-z]+\.[a-z]+/i, { selector: 'td *' })).toBeNull() // no raw i18n keys
  })

  it('signs out the other sessions after confirmation and reloads the list', async () => {
    let revoked = false
    const api = mockApi({
      'GET /auth/me': signedIn,
      'GET /sessions': () => ({ status: 200, data: revoked ? threeSessions.filter((s) => s.current) : threeSessions }),
      'POST /sessions/revoke-others': () => {
        revoked = true
        return { status: 200, data: { revoked: 2 } }
      },
    })
    const user = userEvent.setup()
    renderApp('/account/sessions')
    await screen.findByText('Chrome 131 on Windows')

    await user.click(screen.getByRole('button', { name: /sign out other sessions/i }))
    const dialog = await screen.findByRole('dialog')
    expect(dialog).toHaveTextContent('Sign out all other sessions?')
    expect(api.calls('POST /sessions/revoke-others')).toHaveLength(0) // nothing before confirming

    await user.click(within(dialog).getByRole('button', { name: 'Sign out others' }))
    await waitFor(() => expect(api.calls('POST /sessions/revoke-others')).toHaveLength(1))
    expect(await screen.findByText('Signed out 2 other sessions')).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByText('Safari 17 on iOS 17')).not.toBeInTheDocument())
    expect(screen.getByText('Chrome 131 on Windows')).toBeInTheDocument()
    expect(api.calls('GET /sessions')).toHaveLength(2)
    expect(screen.getByRole('button', { name: /sign out other sessions/i })).toBeDisabled()
    expect(screen.getByText('This is the only device signed in to your account.')).toBeInTheDocument()
  })

  it('does nothing when the confirmation is cancelled', async () => {
    const api = mockApi({
      'GET /auth/me': signedIn,
      'GET /sessions': { status: 200, data: threeSessions },
      'POST /sessions/revoke-others': { status: 200, data: { revoked: 2 } },
    })
    const user = userEvent.setup()
    renderApp('/account/sessions')
    await screen.findByText('Chrome 131 on Windows')
    await user.click(screen.getByRole('button', { name: /sign out other sessions/i }))
    const dialog = await screen.findByRole('dialog')
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(api.calls('POST /sessions/revoke-others')).toHaveLength(0)
    expect(screen.getByText('Safari 17 on iOS 17')).toBeInTheDocument()
  })
})
