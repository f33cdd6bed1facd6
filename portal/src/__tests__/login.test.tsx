import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { mockApi, sampleUser, signedIn, signedOut, walletRoutes } from '../test/mockApi'
import { renderApp } from '../test/render'

const sessions = [{ id: 1, ip: '203.0.113.9', user_agent: 'curl/8.5.0', created_at: null, last_seen_at: null, current: true }]

async function signIn(user: ReturnType<typeof userEvent.setup>, email = 'ada@example.com', password = 'correct horse 42') {
  await user.type(await screen.findByLabelText('Email'), email)
  await user.type(screen.getByLabelText('Password'), password)
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
}

describe('login and route guard', () => {
  it('sends a signed-out visitor of a guarded page to /login?to=…', async () => {
    mockApi({ 'GET /auth/me': signedOut })
    const { location } = renderApp('/account/sessions')
    await waitFor(() => expect(location()).toBe('/login?to=%2Faccount%2Fsessions'))
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
  })

  it('after signing in goes to the `to` page', async () => {
    let signed = false
    const api = mockApi({
      'GET /auth/me': () => (signed ? signedIn : signedOut),
      'POST /auth/login': () => {
        signed = true
        return { status: 200, data: { user: sampleUser } }
      },
      'GET /sessions': { status: 200, data: sessions },
    })
    const user = userEvent.setup()
    const { location } = renderApp('/login?to=%2Faccount%2Fsessions')
    await signIn(user)
    await waitFor(() => expect(location()).toBe('/account/sessions'))
    expect(await screen.findByRole('heading', { name: 'Active sessions' })).toBeInTheDocument()
    expect(api.calls('POST /auth/login')[0].body).toEqual({ email: 'ada@example.com', password: 'correct horse 42' })
    // /me was called on load: that is what hands out the XSRF-TOKEN cookie
    expect(api.requests[0].url).toBe('/auth/me')
  })

  it('goes to the wallet without `to`, and ignores an off-site `to`', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': signedOut, 'POST /auth/login': { status: 200, data: { user: sampleUser } } })
    const user = userEvent.setup()
    const { location } = renderApp('/login?to=%2F%2Fevil.example%2Fphish')
    await signIn(user)
    await waitFor(() => expect(location()).toBe('/account/wallet'))
  })

  it('shows the server message for wrong credentials', async () => {
    mockApi({
      'GET /auth/me': signedOut,
      'POST /auth/login': { status: 400, data: { message: 'Invalid email or password' } },
    })
    const user = userEvent.setup()
    const { location } = renderApp('/login')
    await signIn(user)
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password')
    expect(location()).toBe('/login')
  })

  it('on 429 says how many seconds to wait and blocks the button', async () => {
    mockApi({
      'GET /auth/me': signedOut,
      'POST /auth/login': { status: 429, data: { message: 'Too many requests', retryAfter: 42 }, headers: { 'retry-after': '42' } },
    })
    const user = userEvent.setup()
    renderApp('/login')
    await signIn(user)
    expect(await screen.findByRole('alert')).toHaveTextContent(/too many attempts, try again in 4[12] seconds/i)
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled()
  })

  it('requires email and password before calling the server', async () => {
    const api = mockApi({ 'GET /auth/me': signedOut })
    const user = userEvent.setup()
    renderApp('/login')
    await user.click(await screen.findByRole('button', { name: 'Sign in' }))
    expect(await screen.findByText('Enter your email address')).toBeInTheDocument()
    expect(screen.getByText('Enter your password')).toBeInTheDocument()
    expect(api.calls('POST /auth/login')).toHaveLength(0)
  })

  it('signs out from the header menu', async () => {
    const api = mockApi({ ...walletRoutes, 'GET /auth/me': signedIn, 'POST /auth/logout': { status: 204 } })
    const user = userEvent.setup()
    const { location } = renderApp('/account')
    await user.click(await screen.findByRole('button', { name: 'My account' }))
    await user.click(await screen.findByRole('menuitem', { name: /sign out/i }))
    await waitFor(() => expect(location()).toBe('/login'))
    expect(api.calls('POST /auth/logout')).toHaveLength(1)
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
  })

  it('a 401 on a signed-in request ends the session and returns to login with `to`', async () => {
    mockApi({ 'GET /auth/me': signedIn, 'GET /sessions': signedOut })
    const { location } = renderApp('/account/sessions')
    await waitFor(() => expect(location()).toBe('/login?to=%2Faccount%2Fsessions'))
    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeInTheDocument()
  })
})
