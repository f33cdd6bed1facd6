import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import dayjs from 'dayjs'
import { afterEach, describe, expect, it } from 'vitest'
import type { CustomerTierWire } from '@creditdesk/contract/tiers'
import type { NotificationWire } from '@creditdesk/contract/notifications'
import i18n from '../i18n'
import { mockApi, sampleUser, walletRoutes } from '../test/mockApi'
import { renderApp } from '../test/render'

afterEach(async () => {
  await i18n.changeLanguage('en')
})

const RESET = '2026-12-01T00:00:00.000Z'
const plan = { id: 3, name: 'Creator Pro' }
const quotas = {
  quotas: [
    { feature: 'video_generations', limit: 10, used: 8, remaining: 2, period: 'monthly', period_start: '2026-11-01T00:00:00.000Z', resets_at: RESET, plan },
    { feature: 'articles_per_day', limit: 20, used: 19, remaining: 1, period: 'daily', period_start: '2026-11-27T00:00:00.000Z', resets_at: '2026-11-28T00:00:00.000Z', plan },
    { feature: 'publish_per_day', limit: 5, used: 5, remaining: 0, period: 'daily', period_start: '2026-11-27T00:00:00.000Z', resets_at: '2026-11-28T00:00:00.000Z', plan },
    { feature: 'api_tokens', limit: null, used: 1234567, remaining: null, period: 'lifetime', period_start: null, resets_at: null, plan },
    { feature: 'keyword_distillation', limit: 100, used: 12, remaining: 88, period: 'monthly', period_start: '2026-11-01T00:00:00.000Z', resets_at: RESET, plan },
  ],
  alerts: [
    { feature: 'publish_per_day', period: 'daily', threshold: 100, period_start: '2026-11-27T00:00:00.000Z', created_at: '2026-11-27T09:00:00.000Z' },
    { feature: 'video_generations', period: 'monthly', threshold: 80, period_start: '2026-11-01T00:00:00.000Z', created_at: '2026-11-20T09:00:00.000Z' },
  ],
}

const tier: CustomerTierWire = {
  code: 'silver', name: { 'en': 'Silver', 'zh-CN': '白银' }, source: 'computed', rpm: 120, tpm: null, max_keys: 10,
  recharged_total: '150.000000', override_until: null,
  next: { code: 'gold', name: { 'en': 'Gold', 'zh-CN': '黄金' }, recharge_needed: '350.000000' },
}
/** GET /auth/me as the server answers it: `{ user, tier }`. */
const me = (t: unknown = tier) => ({ status: 200, data: { user: sampleUser, tier: t } })

const note = (id: number, over: Partial<NotificationWire> = {}): NotificationWire => ({
  id, kind: 'quota_threshold', severity: 'warning',
  title: { 'en': `Quota alert ${id}`, 'zh-CN': `配额预警 ${id}` },
  body: { 'en': 'Video generations: 80% used', 'zh-CN': '视频生成次数：已用 80%' },
  data: {}, read_at: null, created_at: dayjs().subtract(2, 'hour').toISOString(), ...over,
})

const card = (feature: string) => screen.getByTestId(`quota-${feature}`)

describe('plan quotas', () => {
  it('shows each quota as used of its limit, coloured at 80/95/100 %, Unlimited, reset times and the alerts', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': me(), 'GET /quotas': { status: 200, data: quotas } })
    renderApp('/account/quotas')
    expect(await screen.findByRole('heading', { name: 'Plan quotas' })).toBeInTheDocument()
    await screen.findByTestId('quota-video_generations')
    expect(within(card('video_generations')).getByTestId('quota-figures')).toHaveTextContent('8 of 10 used')
    expect(card('video_generations')).toHaveAttribute('data-level', 'warning')
    expect(within(card('video_generations')).getByText('80%')).toBeInTheDocument()
    expect(card('articles_per_day')).toHaveAttribute('data-level', 'danger')
    expect(within(card('articles_per_day')).getByText('95%')).toBeInTheDocument()
    expect(card('publish_per_day')).toHaveAttribute('data-level', 'exhausted')
    expect(within(card('publish_per_day')).getByText('Used up for this period.')).toBeInTheDocument()
    expect(card('keyword_distillation')).toHaveAttribute('data-level', 'ok')
    expect(within(card('api_tokens')).getByTestId('quota-figures')).toHaveTextContent('1,234,567 used')
    expect(within(card('api_tokens')).getByText('Unlimited')).toBeInTheDocument()
    expect(within(card('api_tokens')).getByTestId('quota-reset')).toHaveTextContent('Does not reset (lifetime quota)')
    const reset = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(RESET))
    expect(within(card('video_generations')).getByTestId('quota-reset')).toHaveTextContent(`Resets ${reset}`)
    expect(within(card('video_generations')).getByText('Monthly')).toBeInTheDocument()
    expect(screen.getByTestId('quota-plan')).toHaveTextContent('Plan: Creator Pro')
    const alerts = screen.getByTestId('quota-alerts')
    expect(within(alerts).getByText('Publications per day: this period’s quota is used up')).toBeInTheDocument()
    expect(within(alerts).getByText('Video generations: 80% of this period’s quota used')).toBeInTheDocument()
    expect(screen.getByRole('menuitem', { name: /Plan quotas/ })).toHaveClass('ant-menu-item-selected')
  })

  it('reads in Chinese', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': me(), 'GET /quotas': { status: 200, data: quotas } })
    await i18n.changeLanguage('zh-CN')
    renderApp('/account/quotas')
    expect(await screen.findByRole('heading', { name: '套餐配额' })).toBeInTheDocument()
    await screen.findByTestId('quota-video_generations')
    expect(within(card('video_generations')).getByText('视频生成次数')).toBeInTheDocument()
    expect(within(card('video_generations')).getByTestId('quota-figures')).toHaveTextContent('已用 8 / 10')
    expect(within(card('video_generations')).getByText('每月')).toBeInTheDocument()
    const reset = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(RESET))
    expect(within(card('video_generations')).getByTestId('quota-reset')).toHaveTextContent(`${reset} 重置`)
    expect(within(card('api_tokens')).getByText('不限量')).toBeInTheDocument()
    expect(screen.getByText('每日发布数：本周期配额已用完')).toBeInTheDocument()
    expect(document.body.textContent).not.toMatch(/quotas\.|undefined/)
  })

  it('offers plans when no plan counts anything', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': me(), 'GET /quotas': { status: 200, data: { quotas: [], alerts: [] } } })
    renderApp('/account/quotas')
    expect(await screen.findByText(/None of your plans counts features/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /See plans/ })).toHaveAttribute('href', '/account/buy')
  })
})

describe('notification bell', () => {
  it('shows the unread count, marks one read, then all', async () => {
    const api = mockApi({
      ...walletRoutes,
      'GET /auth/me': me(),
      'GET /notifications': { status: 200, data: { data: [note(2), note(1, { read_at: '2026-11-26T10:00:00.000Z', severity: 'info', title: { 'en': 'Tier upgraded', 'zh-CN': '等级提升' } })], total: 2, unread: 1 } },
      'POST /notifications/2/read': { status: 204 },
      'POST /notifications/read-all': { status: 204 },
    })
    const user = userEvent.setup()
    renderApp('/account/wallet')
    const bell = await screen.findByTestId('notifications-bell')
    await waitFor(() => expect(bell).toHaveAccessibleName('Notifications (1 unread)'))
    expect(api.calls('GET /notifications')[0].query.get('per_page')).toBe('10')
    await user.click(bell)
    const panel = await screen.findByTestId('notifications-panel')
    const unread = within(panel).getByTestId('notification-2')
    expect(unread).toHaveAttribute('data-unread', 'true')
    expect(within(unread).getByText('Quota alert 2')).toBeInTheDocument()
    expect(within(unread).getByText('Warning')).toBeInTheDocument()
    expect(within(unread).getByText('2 hours ago')).toBeInTheDocument()
    expect(within(panel).getByTestId('notification-1')).toHaveAttribute('data-unread', 'false')
    await user.click(within(unread).getByRole('button', { name: 'Mark read' }))
    await waitFor(() => expect(api.calls('POST /notifications/2/read')).toHaveLength(1))
    expect(within(panel).getByTestId('notification-2')).toHaveAttribute('data-unread', 'false')
    expect(bell).toHaveAccessibleName('Notifications (0 unread)')
    expect(within(panel).getByTestId('notifications-read-all')).toBeDisabled()
  })

  it('marks all read', async () => {
    const api = mockApi({
      ...walletRoutes,
      'GET /auth/me': me(),
      'GET /notifications': (_req, n) => ({ status: 200, data: n < 2 ? { data: [note(3), note(4)], total: 2, unread: 2 } : { data: [note(3, { read_at: 'x' }), note(4, { read_at: 'x' })], total: 2, unread: 0 } }),
      'POST /notifications/read-all': { status: 204 },
    })
    const user = userEvent.setup()
    renderApp('/account/wallet')
    const bell = await screen.findByTestId('notifications-bell')
    await user.click(bell)
    const panel = await screen.findByTestId('notifications-panel')
    await waitFor(() => expect(bell).toHaveAccessibleName('Notifications (2 unread)'))
    await user.click(within(panel).getByTestId('notifications-read-all'))
    await waitFor(() => expect(api.calls('POST /notifications/read-all')).toHaveLength(1))
    expect(bell).toHaveAccessibleName('Notifications (0 unread)')
    expect(within(panel).getByTestId('notification-3')).toHaveAttribute('data-unread', 'false')
  })
})

describe('tier card', () => {
  it('shows the tier, its source and limits, and the recharge to the next tier', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': me() })
    renderApp('/account/wallet')
    const tierCard = await screen.findByTestId('tier-card')
    expect(within(tierCard).getByTestId('tier-name')).toHaveTextContent('Silver')
    expect(within(tierCard).getByText('From recharges')).toBeInTheDocument()
    expect(within(tierCard).getByText('120')).toBeInTheDocument()
    expect(within(tierCard).getByText('Unlimited')).toBeInTheDocument()
    expect(within(tierCard).getByText('10')).toBeInTheDocument()
    expect(await within(tierCard).findByTestId('tier-next')).toHaveTextContent('Recharge $350.00 more to reach Gold.')
  })

  it('in Chinese, and for a negotiated tier with no next step', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': me({ ...tier, name: 'Enterprise A', source: 'negotiated', rpm: null, next: null }) })
    await i18n.changeLanguage('zh-CN')
    renderApp('/account/wallet')
    const tierCard = await screen.findByTestId('tier-card')
    expect(within(tierCard).getByTestId('tier-name')).toHaveTextContent('Enterprise A')
    expect(within(tierCard).getByText('协议等级')).toBeInTheDocument()
    expect(within(tierCard).getAllByText('不限')).toHaveLength(2)
    expect(within(tierCard).getByTestId('tier-next')).toHaveTextContent('您的等级为账号专属设置，不随充值变化。')
  })

  it('is absent when the server sends no tier', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': me(null) })
    renderApp('/account/wallet')
    expect(await screen.findByTestId('balance-total')).toBeInTheDocument()
    expect(screen.queryByTestId('tier-card')).toBeNull()
  })
})
