import { act, render, screen, waitFor } from '@testing-library/react'
import { ConfigProvider } from 'antd'
import { useContext } from 'react'
import { Providers } from '../Providers'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import i18n, { LANGUAGE_STORAGE_KEY } from '../i18n'
import en from '../i18n/locales/en'
import zhCN from '../i18n/locales/zh-CN'
import { mockApi, signedIn, signedOut, walletRoutes } from '../test/mockApi'
import { renderApp } from '../test/render'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  )
}

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('i18n', () => {
  it('has the same keys in English and Simplified Chinese', () => {
    expect([...new Set(keys(zhCN))].sort()).toEqual([...new Set(keys(en))].sort())
  })

  it('switches to Chinese from the header, and remembers it', async () => {
    mockApi({ 'GET /auth/me': signedOut })
    const user = userEvent.setup()
    renderApp('/login')
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Language' }))
    await user.click(await screen.findByText('简体中文'))

    expect(await screen.findByRole('heading', { name: '登录' })).toBeInTheDocument()
    expect(screen.getByLabelText('邮箱')).toBeInTheDocument()
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
    expect(document.body.textContent).not.toMatch(/\b(login|nav|fields|errors)\.[a-zA-Z]+/)
  })

  it('switches the antd ConfigProvider locale with the language', async () => {
    mockApi({ 'GET /auth/me': signedOut })
    function AntdLocale() {
      return <span data-testid="antd-locale">{useContext(ConfigProvider.ConfigContext).locale?.locale}</span>
    }
    render(
      <Providers motion={false}>
        <AntdLocale />
      </Providers>,
    )
    expect(screen.getByTestId('antd-locale')).toHaveTextContent(/^en$/)
    await act(() => i18n.changeLanguage('zh-CN'))
    expect(screen.getByTestId('antd-locale')).toHaveTextContent('zh-cn')
  })

  it('renders the account pages in Chinese without raw keys', async () => {
    await i18n.changeLanguage('zh-CN')
    mockApi({ 'GET /auth/me': signedIn })
    renderApp('/account/profile')
    expect(await screen.findByRole('heading', { name: '个人资料' })).toBeInTheDocument()
    await waitFor(() => expect(screen.getByText('已认证')).toBeInTheDocument())
    expect(screen.getByRole('button', { name: /保存修改/ })).toBeInTheDocument()
    expect(document.body.textContent).not.toMatch(/\b(common|nav|profile|enums|fields)\.[a-zA-Z]+/)
  })

  it('renders the wallet, redeem and reset-password pages in Chinese without raw keys', async () => {
    await i18n.changeLanguage('zh-CN')
    mockApi({
      ...walletRoutes,
      'GET /auth/me': signedIn,
      'GET /wallet': {
        status: 200,
        data: {
          asset: 'CREDIT',
          cash: '1500.000000',
          gift: '0.000000',
          total: '1500.000000',
          gift_lots: [{ id: 1, source_type: 'campaign', amount: '5.000000', remaining: '5.000000', expires_at: null, granted_at: null }],
        },
      },
      'GET /wallet/transactions': {
        status: 200,
        data: [{ id: 1, created_at: '2026-11-20T10:00:00.000Z', type: 'usage_charge', amount: '3.000000', reference_type: null, reference_id: null, memo: null }],
        headers: { 'x-total-count': '1' },
      },
    })
    const rawKey = /\b(common|nav|wallet|money|time|redeem|reset|errors)\.[a-zA-Z]+/
    const { unmount } = renderApp('/account/wallet')
    expect(await screen.findByRole('heading', { name: '我的钱包' })).toBeInTheDocument()
    expect(await screen.findByTestId('balance-total')).toHaveTextContent('1,500 积分')
    expect(await screen.findByText('使用扣费')).toBeInTheDocument()
    expect(screen.getByText('活动赠送')).toBeInTheDocument()
    expect(screen.getByText('永不过期')).toBeInTheDocument()
    expect(document.body.textContent).not.toMatch(rawKey)
    unmount()

    renderApp('/account/redeem')
    expect(await screen.findByRole('button', { name: '立即兑换' })).toBeInTheDocument()
    expect(document.body.textContent).not.toMatch(rawKey)
  })

  it('renders the reset-password page in Chinese', async () => {
    await i18n.changeLanguage('zh-CN')
    mockApi({ 'GET /auth/me': signedOut })
    renderApp('/reset-password?token=x')
    expect(await screen.findByRole('heading', { name: '设置新密码' })).toBeInTheDocument()
    expect(document.body.textContent).not.toMatch(/\b(reset|password|fields|validation)\.[a-zA-Z]+/)
  })

  it('renders the buy, orders and payment result pages in Chinese without raw keys', async () => {
    await i18n.changeLanguage('zh-CN')
    const number = 'R20261122-000123'
    const order = {
      id: number, number, status: 'PARTIALLY_REFUNDED', channel: 'stripe', plan_name: 'Starter', currency: 'USD', amount: '9.90',
      credits: '115.000000', asset: 'CREDIT', credited: true, refunded_amount: '3.00', failure_reason: null, checkout_url: null,
      created_at: '2026-11-22T10:00:00.000Z', paid_at: '2026-11-22T10:01:00.000Z', expires_at: null,
    }
    mockApi({
      'GET /auth/me': signedIn,
      'GET /plans': { status: 200, data: [{ id: 1, code: 's', name: 'Starter', description: 'x', currency: 'USD', price: '9.90', unit_amount: 990, credits: '115.000000', asset: 'CREDIT' }] },
      'GET /orders': { status: 200, data: [order], headers: { 'x-total-count': '1' } },
      [`GET /orders/${number}`]: { status: 200, data: { ...order, status: 'PAID', refunded_amount: '0.00' } },
    })
    const rawKey = /\b(common|nav|buy|billing|orders|money|errors)\.[a-zA-Z]+/
    let view = renderApp('/account/buy')
    expect(await screen.findByRole('button', { name: '购买 Starter' })).toBeInTheDocument()
    expect(screen.getByText('余额 +115 积分')).toBeInTheDocument()
    expect(document.body.textContent).not.toMatch(rawKey)
    view.unmount()

    view = renderApp('/account/orders')
    expect(await screen.findByText('部分退款')).toBeInTheDocument()
    expect(screen.getByText('已退款 US$3.00（共 US$9.90）')).toBeInTheDocument()
    expect(document.body.textContent).not.toMatch(rawKey)
    view.unmount()

    renderApp(`/billing/result?order=${number}&outcome=success`)
    expect(await screen.findByText('支付成功')).toBeInTheDocument()
    expect(document.body.textContent).not.toMatch(rawKey)
  })
})
