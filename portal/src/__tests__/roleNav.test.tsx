import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ACTING_ORG_STORAGE_KEY } from '../api/acting'
import i18n from '../i18n'
import { mockApi, walletRoutes } from '../test/mockApi'
import { meWithOrgs } from '../test/orgs'
import { renderApp } from '../test/render'

const summary = { currency: 'USD', tz: 'UTC', from: '2026-11-01', to: '2026-11-30', days: [], models: [], totals: { requests: 0, tokens: 0, charged: '0.000000' } }

function actAs(orgId: number | null, extra = {}) {
  if (orgId !== null) sessionStorage.setItem(ACTING_ORG_STORAGE_KEY, String(orgId))
  return mockApi({
    ...walletRoutes,
    'GET /auth/me': meWithOrgs(),
    'GET /usage/summary': { status: 200, data: summary },
    'GET /quotas': { status: 200, data: { quotas: [], alerts: [] } },
    'GET /bills': { status: 200, data: [], headers: { 'x-total-count': '0' } },
    ...extra,
  })
}

async function menuItems(name = 'My account') {
  const menu = await screen.findByRole('menu', { name })
  return within(menu).getAllByRole('menuitem').map((i) => i.textContent)
}

const SETTINGS = ['Profile', 'Security', 'Sessions']

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('menu by role', () => {
  it('finance: wallet, top-ups, bills and invoices', async () => {
    actAs(43)
    renderApp('/account/wallet')
    await screen.findByRole('heading', { name: 'Wallet' })
    expect(await menuItems()).toEqual(['Wallet', 'Redeem a code', 'Top up', 'Orders', 'Bills', 'Statements', 'Invoices', 'Plan quotas', 'Contracts', ...SETTINGS])
  })

  it('developer: keys and usage, and the overview as home', async () => {
    actAs(42)
    const { location } = renderApp('/account')
    await waitFor(() => expect(location()).toBe('/account/overview'))
    expect(await menuItems()).toEqual(['Overview', 'API keys', 'Usage', 'Plan quotas', 'Contracts', ...SETTINGS])
  })

  it('read-only: the overview, plan quotas and contracts', async () => {
    actAs(44)
    renderApp('/account')
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument()
    expect(await menuItems()).toEqual(['Overview', 'Plan quotas', 'Contracts', ...SETTINGS])
  })

  it('admin: everything, with members and contracts', async () => {
    actAs(45)
    renderApp('/account/wallet')
    await screen.findByRole('heading', { name: 'Wallet' })
    const items = await menuItems()
    expect(items).toEqual(expect.arrayContaining(['Wallet', 'Bills', 'Invoices', 'API keys', 'Usage', 'Members', 'Contracts']))
    expect(items).not.toContain('Overview')
    expect(screen.getByText('Organization')).toBeInTheDocument()
  })

  it('personal account: no members, contracts or bills', async () => {
    actAs(null)
    renderApp('/account/wallet')
    await screen.findByRole('heading', { name: 'Wallet' })
    const items = await menuItems()
    expect(items).toEqual(expect.arrayContaining(['Wallet', 'Statements', 'Invoices', 'API keys']))
    for (const hidden of ['Members', 'Contracts', 'Bills', 'Overview']) expect(items).not.toContain(hidden)
  })

  it('a page the role cannot use says so instead of loading it', async () => {
    const api = actAs(43)
    renderApp('/account/keys')
    expect(await screen.findByText('Your role doesn’t allow this')).toBeInTheDocument()
    expect(screen.getByText(/As Finance in 北辰数据, you can’t open this page/)).toBeInTheDocument()
    expect(api.calls('GET /keys')).toHaveLength(0)
    expect(screen.getByRole('link', { name: 'Go to my start page' })).toHaveAttribute('href', '/account/wallet')
  })

  it('a 403 from the server shows the same refusal', async () => {
    actAs(45, { 'GET /bills': { status: 403, data: { message: 'Your role in this organization does not allow this' } } })
    renderApp('/account/bills')
    expect(await screen.findByTestId('no-access')).toHaveTextContent('Your role doesn’t allow this')
  })

  it('a page for organizations says so in a personal account', async () => {
    actAs(null)
    renderApp('/account/members')
    expect(await screen.findByText('This page is for organizations')).toBeInTheDocument()
  })

  it('says it in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN')
    actAs(42)
    renderApp('/account/wallet')
    expect(await screen.findByText('您的角色无权访问此页面')).toBeInTheDocument()
    expect(screen.getByText(/您在 Acme Robotics 的角色是「开发者」/)).toBeInTheDocument()
    expect(await menuItems(i18n.t('nav.account'))).toEqual(['概览', 'API 密钥', '用量', '套餐配额', '合同', '个人资料', '安全设置', '登录设备'])
  })
})
