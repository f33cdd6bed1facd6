import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { ACTING_ORG_STORAGE_KEY } from '../api/acting'
import i18n from '../i18n'
import { mockApi, sampleUser, signedOut, walletRoutes } from '../test/mockApi'
import { actingHeader, meWithOrgs, ORGS } from '../test/orgs'
import { renderApp } from '../test/render'

const TOKEN = 'tok_3f9a8c'
const PATH = `/invitations/accept?token=${TOKEN}`
const preview = (extra: object = {}) => ({
  status: 200,
  data: { org_name: 'Delta Works', role: 'admin', email: 'ada@example.com', expires_at: '2026-12-04T10:00:00.000Z', expired: false, status: 'pending', ...extra },
})

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('invitation accept page', () => {
  it('shows the organization, role and expiry to a signed-out visitor, with sign-in and sign-up that come back here', async () => {
    mockApi({ 'GET /auth/me': signedOut, [`GET /invitations/${TOKEN}`]: preview() })
    renderApp(PATH)
    expect(await screen.findByRole('heading', { name: 'Join Delta Works' })).toBeInTheDocument()
    expect(screen.getByTestId('role-tag')).toHaveTextContent('Admin')
    expect(screen.getByText('ada@example.com')).toBeInTheDocument()
    expect(screen.getByText(/Dec 4, 2026/)).toBeInTheDocument()
    const back = encodeURIComponent(PATH)
    expect(screen.getByRole('link', { name: 'Sign in to accept' })).toHaveAttribute('href', `/login?to=${back}`)
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', `/register?to=${back}`)
    expect(screen.queryByRole('button', { name: /Join Delta Works/ })).not.toBeInTheDocument()
  })

  it('accepts for the invited person and switches the tab to the organization', async () => {
    let joined = false
    const orgsNow = () => (joined ? ORGS : ORGS.filter((o) => o.id !== 45))
    const api = mockApi({
      ...walletRoutes,
      'GET /auth/me': (req) => meWithOrgs(orgsNow())(req),
      [`GET /invitations/${TOKEN}`]: preview(),
      [`POST /invitations/${TOKEN}/accept`]: () => {
        joined = true
        return { status: 200, data: { org_id: 45, role: 'admin' } }
      },
    })
    const user = userEvent.setup()
    const { location } = renderApp(PATH)
    await user.click(await screen.findByRole('button', { name: 'Join Delta Works' }))
    await waitFor(() => expect(location()).toBe('/account/wallet'))
    expect(await screen.findByText('You joined Delta Works')).toBeInTheDocument()
    expect(api.calls(`POST /invitations/${TOKEN}/accept`)).toHaveLength(1)
    expect(sessionStorage.getItem(ACTING_ORG_STORAGE_KEY)).toBe('45')
    await waitFor(() => expect(api.calls('GET /wallet').length).toBeGreaterThan(0))
    expect(actingHeader(api.calls('GET /wallet').at(-1)!)).toBe('45')
  })

  it('tells another signed-in person the invitation is not theirs, and offers to switch accounts', async () => {
    const api = mockApi({ 'GET /auth/me': meWithOrgs([], { ...sampleUser, email: 'bob@example.com' }), [`GET /invitations/${TOKEN}`]: preview() })
    renderApp(PATH)
    const warning = await screen.findByTestId('invitation-wrong-email')
    expect(warning).toHaveTextContent('This invitation is for another address')
    expect(warning).toHaveTextContent('It was sent to ada@example.com, and you are signed in as bob@example.com')
    expect(screen.getByRole('button', { name: 'Sign in as someone else' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Join Delta Works/ })).not.toBeInTheDocument()
    expect(api.calls(`POST /invitations/${TOKEN}/accept`)).toHaveLength(0)
  })

  it.each([
    ['expired', { expired: true, status: 'expired' }, 'This invitation has expired'],
    ['used', { status: 'accepted' }, 'This invitation was already used'],
    ['revoked', { status: 'revoked' }, 'This invitation was withdrawn'],
  ])('says clearly when the invitation is %s', async (_, extra, title) => {
    mockApi({ 'GET /auth/me': meWithOrgs([]), [`GET /invitations/${TOKEN}`]: preview(extra) })
    renderApp(PATH)
    expect(await screen.findByTestId('invitation-closed')).toHaveTextContent(title)
    expect(screen.queryByRole('button', { name: /Join/ })).not.toBeInTheDocument()
  })

  it('says so when the link is unknown or incomplete', async () => {
    mockApi({ 'GET /auth/me': signedOut, [`GET /invitations/${TOKEN}`]: { status: 404, data: { message: 'Invitation not found' } } })
    const view = renderApp(PATH)
    expect(await screen.findByText('This invitation link does not work')).toBeInTheDocument()
    view.unmount()
    renderApp('/invitations/accept')
    expect(await screen.findByText('This invitation link does not work')).toBeInTheDocument()
  })

  it('explains a refusal at accept time (expired meanwhile, or another address)', async () => {
    mockApi({
      'GET /auth/me': meWithOrgs([]),
      [`GET /invitations/${TOKEN}`]: preview(),
      [`POST /invitations/${TOKEN}/accept`]: { status: 410, data: { message: 'This invitation has expired' } },
    })
    const user = userEvent.setup()
    renderApp(PATH)
    await user.click(await screen.findByRole('button', { name: 'Join Delta Works' }))
    expect(await screen.findByTestId('invitation-closed')).toHaveTextContent('This invitation has expired')
  })

  it('reads the invitation again after a 410, to say whether it was used or withdrawn meanwhile', async () => {
    const api = mockApi({
      'GET /auth/me': meWithOrgs([]),
      [`GET /invitations/${TOKEN}`]: (_req, n) => (n === 0 ? preview() : preview({ status: 'accepted' })),
      [`POST /invitations/${TOKEN}/accept`]: { status: 410, data: { message: 'This invitation was already accepted' } },
    })
    const user = userEvent.setup()
    renderApp(PATH)
    await user.click(await screen.findByRole('button', { name: 'Join Delta Works' }))
    expect(await screen.findByTestId('invitation-closed')).toHaveTextContent('This invitation was already used')
    expect(api.calls(`GET /invitations/${TOKEN}`)).toHaveLength(2)
  })

  it('shows the server’s answer when the person is already a member', async () => {
    mockApi({
      'GET /auth/me': meWithOrgs([]),
      [`GET /invitations/${TOKEN}`]: preview(),
      [`POST /invitations/${TOKEN}/accept`]: { status: 409, data: { message: 'You are already a member of this organization' } },
    })
    const user = userEvent.setup()
    renderApp(PATH)
    await user.click(await screen.findByRole('button', { name: 'Join Delta Works' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('You are already a member of this organization')
  })

  it('reads in Chinese', async () => {
    await i18n.changeLanguage('zh-CN')
    mockApi({ 'GET /auth/me': signedOut, [`GET /invitations/${TOKEN}`]: preview({ org_name: '北辰数据', role: 'finance' }) })
    renderApp(PATH)
    expect(await screen.findByRole('heading', { name: '加入 北辰数据' })).toBeInTheDocument()
    expect(screen.getByTestId('role-tag')).toHaveTextContent('财务')
    expect(screen.getByRole('link', { name: '登录并接受' })).toBeInTheDocument()
    expect(document.body.textContent).not.toMatch(/\binvitation\.[a-zA-Z]+/)
  })
})
