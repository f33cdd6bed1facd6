import { afterEach, describe, expect, it } from 'vitest'
import { LEDGER_TYPE_NAMES, LEDGER_TYPES } from '@creditdesk/contract/ledger_types'
import type { WalletTransaction } from '../api/types'
import { formatMoney } from '../components/Money'
import { orderPlanName, planTexts } from '../components/plans/localized'
import { transactionDescription, transactionSign, transactionTypeName } from '../components/wallet/transactionDetails'
import i18n from '../i18n'

const t = i18n.t.bind(i18n)
const row = (type: string, amount: string, extra: Partial<WalletTransaction> = {}): WalletTransaction => ({
  id: 1,
  created_at: '2026-11-20T10:00:00.000Z',
  type,
  amount,
  reference_type: null,
  reference_id: null,
  memo: 'an English memo for staff',
  ...extra,
})

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('transaction rows', () => {
  it('every type of the contract gets a sign and a name in both languages', () => {
    for (const type of LEDGER_TYPE_NAMES) {
      const { direction } = LEDGER_TYPES[type]
      const expected = { credit: '+', debit: '-', signed: '+', held: undefined }[direction]
      // credit and debit types carry magnitudes; signed types carry their own sign; a payout
      // from a hold moves no spendable balance
      expect(transactionSign(row(type, '2.000000')), type).toBe(expected)
      if (direction === 'signed') expect(transactionSign(row(type, '-2.000000')), type).toBe('-')
      expect(transactionTypeName(t, type, 'zh-CN'), type).not.toMatch(/[A-Za-z]{2,}/)
      expect(transactionTypeName(t, type, 'en'), type).toMatch(/[A-Za-z]/)
    }
    expect(transactionSign(row('recharge', '0.000000'))).toBeUndefined()
    // a type the contract does not know: no guessed sign, no raw value
    expect(transactionSign(row('mystery', '1.000000'))).toBeUndefined()
    expect(transactionTypeName(t, 'mystery', 'en')).toBe('Other')
  })

  it('says what a row is about from the resolved reference, never from the memo or an internal id', async () => {
    const order = { order_number: 'R20261120-000007', plan_name: 'Standard', plan_name_zh: '标准版' }
    const cases: Array<[WalletTransaction, string, string]> = [
      [row('recharge', '30', { reference_type: 'order', reference_id: '7', details: order }), 'Order R20261120-000007 · Standard', '订单 R20261120-000007 · 标准版'],
      [row('refund_hold', '5', { reference_type: 'refund', reference_id: '3', details: { order_number: order.order_number } }), 'Refund of order R20261120-000007', '订单 R20261120-000007 的退款'],
      [row('redeem', '5', { reference_type: 'redemption_code', reference_id: '12', details: { code_last4: 'K7QX' } }), 'Code ····K7QX', '兑换码 ····K7QX'],
      [row('voucher_grant', '3', { reference_type: 'campaign', reference_id: '4', details: { campaign_name: '双十一赠送' } }), 'Promotion: 双十一赠送', '活动：双十一赠送'],
      [row('voucher_expiry', '1', { reference_type: 'gift_lot', reference_id: '9', details: { source_type: 'redemption_code' } }), 'Gift from: Gift code', '赠送来源：礼品码'],
      [row('reversal', '-3', { reference_type: 'transaction', reference_id: '2', details: { reversed_type: 'voucher_grant' } }), 'Undoes: Voucher received', '撤销：获得代金券'],
    ]
    for (const [tx, en, zh] of cases) {
      expect(transactionDescription(t, tx, 'en')).toBe(en)
      await i18n.changeLanguage('zh-CN')
      expect(transactionDescription(t, tx, 'zh-CN')).toBe(zh)
      await i18n.changeLanguage('en')
    }
    expect(transactionDescription(t, row('usage_charge', '1', { reference_type: 'usage', reference_id: '77' }), 'en')).toBeNull()
  })
})

describe('one unit for what the customer holds', () => {
  it('a currency asset is written by Intl in the UI language, with the sign of a movement', async () => {
    expect(formatMoney(t, '9.900000', 'USD')).toBe('$9.90')
    expect(formatMoney(t, '9.900000', 'USD', '+')).toBe('+$9.90')
    expect(formatMoney(t, '-2.000000', 'USD', '-')).toBe('\u2212$2.00')
    await i18n.changeLanguage('zh-CN')
    expect(formatMoney(t, '9.900000', 'USD', '+')).toBe('+US$9.90')
    expect(formatMoney(t, '0.000125', 'USD')).toBe('US$0.000125')
  })

  it('credits are a word of the interface, in both languages', async () => {
    expect(formatMoney(t, '1.000000', 'CREDIT')).toBe('1 credit')
    expect(formatMoney(t, '1500.000000', 'CREDIT', '+')).toBe('+1,500 credits')
    await i18n.changeLanguage('zh-CN')
    expect(formatMoney(t, '115.000000', 'CREDIT', '-')).toBe('\u2212115 积分')
  })
})

describe('plans in the UI language', () => {
  const plan = { name: 'Standard', description: 'About 35 videos', name_zh: '标准版', description_zh: '约可生成 35 个视频' }
  it('uses the zh-CN texts in Chinese and falls back to English when staff left them empty', () => {
    expect(planTexts(plan, 'zh-CN')).toEqual({ name: '标准版', description: '约可生成 35 个视频' })
    expect(planTexts(plan, 'en')).toEqual({ name: 'Standard', description: 'About 35 videos' })
    expect(planTexts({ ...plan, name_zh: null, description_zh: '' }, 'zh-CN')).toEqual({ name: 'Standard', description: 'About 35 videos' })
    expect(orderPlanName({ plan_name: 'Standard', plan_name_zh: '标准版' }, 'zh-CN')).toBe('标准版')
    expect(orderPlanName({ plan_name: 'Standard', plan_name_zh: null }, 'zh-CN')).toBe('Standard')
    expect(orderPlanName({ plan_name: null, plan_name_zh: null }, 'en')).toBeNull()
  })
})
