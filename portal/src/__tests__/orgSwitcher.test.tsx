import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { ACTING_ORG_STORAGE_KEY } from '../api/acting'
import i18n from '../i18n'
import { mockApi, walletRoutes } from '../test/mockApi'
import { actingHeader, meWithOrgs } from '../test/orgs'
import { renderApp } from '../test/render'

const summary = { currency: 'USD', tz: 'UTC', from: '2026-11-01', to: '2026-11-30', days: [], models: [], totals: { requests: 0, tokens: 0, charged: '0.000000' } }

function routes(extra = {}) {
  return {
    ...walletRoutes,
    'GET /auth/me': meWithOrgs(),
    'GET /usage/summary': { status: 200, data: summary },
    'GET /usage': { status: 200, data: [], headers: { 'x-total-count': '0' } },
    'GET /keys': { status: 200, data: [] },
    'GET /models': { status: 200, data: [] },
    ...extra,
  }
}

const menuItems = () => within(screen.getByRole('menu', { name: 'My account' })).getAllByRole('menuitem').map((i) => i.textContent)

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('account switcher', () => {
  it('lists the personal account and each organization with the role', async () => {
    const api = mockApi(routes())
    const user = userEvent.setup()
    renderApp('/account/wallet')
    await screen.findByRole('heading', { name: 'Wallet' })
    // the personal account: no organization named
    expect(api.requests.every((r) => actingHeader(r) === null)).toBe(true)

    await user.click(screen.getByRole('button', { name: 'Switch account' }))
    const acme = await screen.findByTestId('org-option-42')
    expect(acme).toHaveTextContent('Acme Robotics')
    expect(acme).toHaveTextContent('Developer')
    expect(screen.getByTestId('org-option-43')).toHaveTextContent('北辰数据Finance')
    expect(screen.getByTestId('org-option-44')).toHaveTextContent('Read-only')
    expect(screen.getByTestId('org-option-personal')).toHaveTextContent('Personal accountada@example.com')
  })

  it('sends the chosen organization on every request, and none again in the personal account', async () => {
    const api = mockApi(routes())
    const user = userEvent.setup()
    const { location } = renderApp('/account/wallet')
    await screen.findByRole('heading', { name: 'Wallet' })
    await user.click(screen.getByRole('button', { name: 'Switch account' }))
    const acme = await screen.findByTestId('org-option-42')

    const before = api.requests.length
    await user.click(acme)
    // a developer cannot open the wallet: the tab goes to the organization's first page
    await waitFor(() => expect(location()).toBe('/account/overview'))
    expect(await screen.findByText('Now working in Acme Robotics')).toBeInTheDocument()
    await waitFor(() => expect(api.requests.slice(before).some((r) => r.url === '/wallet')).toBe(true))
    const after = api.requests.slice(before)
    expect(after.length).toBeGreaterThan(1)
    for (const r of after) expect(actingHeader(r), `${r.method} ${r.url}`).toBe('42')
    expect(sessionStorage.getItem(ACTING_ORG_STORAGE_KEY)).toBe('42')
    expect(localStorage.getItem(ACTING_ORG_STORAGE_KEY)).toBe('42')
    expect(within(screen.getByTestId('org-switcher')).getByText('Acme Robotics')).toBeInTheDocument()
    expect(within(screen.getByTestId('org-switcher')).getByTestId('role-tag')).toHaveTextContent('Developer')
    expect(menuItems()).toEqual(expect.arrayContaining(['Overview', 'API keys', 'Usage', 'Plan quotas']))
    expect(menuItems()).not.toContain('Wallet')

    // back to the personal account: the header is gone again
    await user.click(screen.getByRole('button', { name: 'Switch account' }))
    const mark = api.requests.length
    await user.click(await screen.findByTestId('org-option-personal'))
    await waitFor(() => expect(within(screen.getByTestId('org-switcher')).queryByText('Acme Robotics')).not.toBeInTheDocument())
    await waitFor(() => expect(api.requests.length).toBeGreaterThan(mark))
    for (const r of api.requests.slice(mark)) expect(actingHeader(r), `${r.method} ${r.url}`).toBeNull()
    expect(sessionStorage.getItem(ACTING_ORG_STORAGE_KEY)).toBeNull()
  })

  it('keeps the organization of this tab on reload, and names it on download links', async () => {
    sessionStorage.setItem(ACTING_ORG_STORAGE_KEY, '42')
    const api = mockApi(routes())
    renderApp('/account/usage')
    const link = await screen.findByRole('link', { name: /Export CSV|CSV/ })
    expect(link.getAttribute('href')).toMatch(/^\/api\/portal\/usage\/export\?.*_org=42/)
    await waitFor(() => expect(api.calls('GET /usage').length).toBeGreaterThan(0))
    expect(api.requests.every((r) => actingHeader(r) === '42')).toBe(true)
  })

  it('falls back to the personal account when the remembered organization is no longer one of the person’s', async () => {
    sessionStorage.setItem(ACTING_ORG_STORAGE_KEY, '99')
    const api = mockApi(routes())
    renderApp('/account/wallet')
    expect(await screen.findByRole('heading', { name: 'Wallet' })).toBeInTheDocument()
    const me = api.calls('GET /auth/me')
    expect(actingHeader(me[0])).toBe('99')
    expect(actingHeader(me[1])).toBeNull()
    expect(api.calls('GET /wallet').every((r) => actingHeader(r) === null)).toBe(true)
    expect(sessionStorage.getItem(ACTING_ORG_STORAGE_KEY)).toBeNull()
  })

  it('drops the remembered organization when the server answers for the personal account instead', async () => {
    sessionStorage.setItem(ACTING_ORG_STORAGE_KEY, '99')
    // a membership removed meanwhile: GET /auth/me falls back to the own account (acting.orgId null)
    const api = mockApi(routes({ 'GET /auth/me': (req: Parameters<ReturnType<typeof meWithOrgs>>[0]) => meWithOrgs()({ ...req, headers: {} }) }))
    renderApp('/account/wallet')
    expect(await screen.findByRole('heading', { name: 'Wallet' })).toBeInTheDocument()
    expect(sessionStorage.getItem(ACTING_ORG_STORAGE_KEY)).toBeNull()
    await waitFor(() => expect(api.calls('GET /wallet').length).toBeGreaterThan(0))
    expect(api.calls('GET /wallet').every((r) => actingHeader(r) === null)).toBe(true)
  })

  it('is not shown to a person without organizations', async () => {
    mockApi(routes({ 'GET /auth/me': meWithOrgs([]) }))
    renderApp('/account/wallet')
    await screen.findByRole('heading', { name: 'Wallet' })
    expect(screen.queryByRole('button', { name: 'Switch account' })).not.toBeInTheDocument()
  })
})
