import { screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import i18n from '../i18n'
import { mockApi, sampleUser } from '../test/mockApi'
import { renderApp } from '../test/render'

/**
 * The money pages in zh-CN with the data a real customer has: server texts that exist only in English (staff memos,
 * the payment provider's failure message) must not reach the screen, and nothing of the interface stays English.
 */
const ORDER = 'R20261120-000007'
/** the first render of a page with tables can take a few seconds when the whole suite runs in parallel */
const SLOW = { timeout: 10_000 }
const user = { status: 200, data: { user: { ...sampleUser, nickname: '阿达' } } }

const wallet = {
  asset: 'USD',
  cash: '25.000000',
  gift: '8.000000',
  total: '33.000000',
  arrears: '0.000000',
  gift_lots: [{ id: 1, source_type: 'campaign', amount: '3.000000', remaining: '3.000000', expires_at: null, granted_at: '2026-11-20T08:00:00.000Z' }],
}

const tx = (id: number, type: string, amount: string, extra: object) => ({
  id,
  created_at: '2026-11-20T10:00:00.000Z',
  type,
  amount,
  reference_type: null,
  reference_id: null,
  memo: null,
  ...extra,
})

const history = [
  tx(9, 'voucher_grant', '3.000000', { reference_type: 'campaign', reference_id: '4', memo: 'Autumn promo', details: { campaign_name: '双十一赠送' } }),
  tx(8, 'redeem', '5.000000', { reference_type: 'redemption_code', reference_id: '12', memo: 'Redemption code VEO-****-K7QX (Pro pack)', details: { code_last4: 'K7QX' } }),
  tx(7, 'refund_settle', '5.000000', { reference_type: 'refund', reference_id: '3', memo: 'Refund 3 paid out', details: { order_number: ORDER } }),
  tx(6, 'refund_hold', '5.000000', { reference_type: 'refund', reference_id: '3', memo: 'Refund 3 approved: amount held', details: { order_number: ORDER } }),
  tx(5, 'recharge', '30.000000', {
    reference_type: 'order',
    reference_id: '7',
    memo: `Recharge ${ORDER} (Standard)`,
    details: { order_number: ORDER, plan_name: 'Standard', plan_name_zh: '标准版' },
  }),
  tx(4, 'reversal', '-2.000000', { reference_type: 'transaction', reference_id: '2', memo: 'Granted twice by mistake', details: { reversed_type: 'voucher_grant' } }),
  tx(3, 'dispute_hold', '1.000000', { reference_type: 'order', reference_id: '7', memo: 'Dispute dp_1 on order', details: { order_number: ORDER } }),
]

const plans = [
  {
    id: 2,
    code: 'standard',
    name: 'Standard',
    name_zh: '标准版',
    description: 'About 35 videos',
    description_zh: '约可生成 35 个视频',
    currency: 'USD',
    price: '30.00',
    unit_amount: 3000,
    credits: '30.000000',
    asset: 'USD',
  },
]

const order = (status: string, extra: object = {}) => ({
  id: ORDER,
  number: ORDER,
  status,
  channel: 'stripe',
  plan_name: 'Standard',
  plan_name_zh: '标准版',
  currency: 'USD',
  amount: '30.00',
  credits: '30.000000',
  asset: 'USD',
  credited: status !== 'FAILED',
  refunded_amount: '0.00',
  failure_reason: null,
  failure_kind: null,
  checkout_url: null,
  created_at: '2026-11-20T10:00:00.000Z',
  paid_at: null,
  expires_at: null,
  ...extra,
})

const orders = [
  order('PARTIALLY_REFUNDED', { refunded_amount: '5.00' }),
  order('FAILED', { id: 'R20261120-000008', number: 'R20261120-000008', failure_reason: 'Your card was declined.', failure_kind: 'payment_failed' }),
]

/** Latin words outside the allow-list: order numbers, code fragments, the currency symbol, brand names, emails. */
function latinWords(text: string) {
  const rest = text
    .replace(/R\d{8}-\d+/g, ' ')
    .replace(/····[A-Z0-9]{4}/g, ' ')
    .replace(/US\$/g, ' ')
    .replace(/\b(Creditdesk|Stripe|API)\b/g, ' ') // names, and the usual word for API in Chinese interfaces
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
  return rest.match(/[A-Za-z]{2,}/g) ?? []
}

/** What the page shows (the test's location probe left out). */
function screenText() {
  const body = document.body.cloneNode(true) as HTMLElement
  body.querySelector('[data-testid="location"]')?.remove()
  return body.textContent ?? ''
}

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN')
})
afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('the money pages in zh-CN', () => {
  it('wallet: type names, what each row is about, signs, and antd texts in Chinese; no memo', async () => {
    mockApi({
      'GET /auth/me': user,
      'GET /wallet': { status: 200, data: wallet },
      'GET /wallet/transactions': { status: 200, data: history, headers: { 'x-total-count': '7' } },
    })
    renderApp('/account/wallet')
    const recharge = (await screen.findByText(`订单 ${ORDER} · 标准版`, {}, SLOW)).closest('tr')!
    expect(recharge).toHaveTextContent('充值')
    expect(recharge).toHaveTextContent('+US$30.00')
    expect(screen.getByText('兑换码 ····K7QX').closest('tr')).toHaveTextContent('+US$5.00')
    expect(screen.getByText('活动：双十一赠送').closest('tr')).toHaveTextContent('+US$3.00')
    expect(screen.getByText('撤销：获得代金券').closest('tr')).toHaveTextContent('\u2212US$2.00')
    expect(screen.getByText('退款冻结').closest('tr')).toHaveTextContent(`订单 ${ORDER} 的退款`)
    expect(screen.getByText('退款冻结').closest('tr')).toHaveTextContent('\u2212US$5.00')
    expect(screen.getByText('信用卡争议冻结').closest('tr')).toHaveTextContent(`订单 ${ORDER}`)
    expect(screen.getByText('信用卡争议冻结').closest('tr')).toHaveTextContent('\u2212US$1.00')
    for (const amount of document.querySelectorAll('.cd-amount:not(.cd-amount-held)')) expect(amount.textContent).toMatch(/^[+\u2212]/)
    expect(document.querySelector('.ant-pagination-options')).toHaveTextContent('20 条/页')
    expect(latinWords(screenText())).toEqual([])
  })

  it('buy: the plan in Chinese, the price it costs and what the balance gains, in one unit', async () => {
    mockApi({ 'GET /auth/me': user, 'GET /plans': { status: 200, data: plans } })
    renderApp('/account/buy')
    const card = (await screen.findByText('标准版', { selector: 'h4' }, SLOW)).closest('.cd-plan') as HTMLElement
    expect(within(card).getByTestId('plan-price')).toHaveTextContent(/^US\$30\.00$/)
    expect(within(card).getByTestId('plan-credits')).toHaveTextContent(/^余额 \+US\$30\.00$/)
    expect(within(card).getByText('约可生成 35 个视频')).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: '充值', level: 3 })).toBeInTheDocument()
    expect(latinWords(screenText())).toEqual([])
  })

  it('orders: the plan name in Chinese, what was added, and the failure in words, not the provider’s English', async () => {
    mockApi({ 'GET /auth/me': user, 'GET /orders': { status: 200, data: orders, headers: { 'x-total-count': '2' } } })
    renderApp('/account/orders')
    const paid = (await screen.findByText(ORDER, {}, SLOW)).closest('tr')!
    expect(paid).toHaveTextContent('标准版 · 银行卡')
    expect(within(paid).getByTestId('order-credits')).toHaveTextContent(/^余额 \+US\$30\.00$/)
    expect(paid).toHaveTextContent('已退款 US$5.00（共 US$30.00）')
    const failed = screen.getByText('R20261120-000008').closest('tr')!
    expect(failed).toHaveTextContent('付款被拒绝')
    expect(failed).not.toHaveTextContent('Your card was declined')
    expect(within(failed).getByTestId('order-credits')).toHaveTextContent(/^支付后到账 US\$30\.00$/)
    expect(latinWords(screenText())).toEqual([])
  })
})
