import { describe, expect, it } from 'vitest'
import { orderParams, transactionParams } from '../api/portal'
import { formatMoney, formatPrice } from '../components/Money'
import i18n from '../i18n'
import { caretAfter, formatCodeInput } from '../lib/redeemCode'

/**
 * Number rules (precision per currency, signs, exact sums) are the contract's and tested there
 * (tests/unit/contract/money.spec.ts); here, how the portal words its one unit around them.
 */
describe('amounts in the portal', () => {
  it('formats with the unit and a sign', () => {
    const t = i18n.getFixedT('en')
    expect(formatMoney(t, '10.000000', 'USD')).toBe('$10.00')
    expect(formatMoney(t, '1.250000', 'USD', '-')).toBe('\u2212$1.25')
    expect(formatMoney(t, '1.250000', 'USD', '+')).toBe('+$1.25')
    expect(formatMoney(t, '1500.000000', 'CREDIT')).toBe('1,500 credits')
    expect(formatMoney(t, '1.000000', 'CREDIT')).toBe('1 credit')
    expect(formatMoney(i18n.getFixedT('zh-CN'), '1500.000000', 'CREDIT')).toBe('1,500 积分')
  })

  it('shows prices in their currency without trailing zeros beyond its precision', () => {
    expect(formatPrice('9.90', 'USD')).toBe('$9.90')
    expect(formatPrice('1200', 'JPY')).toBe('¥1,200')
    expect(formatPrice('10.000000', 'USD')).toBe('$10.00')
  })
})

describe('history query string', () => {
  it('uses the simple-rest parameters with repeated type keys', () => {
    const q = transactionParams({ start: 40, end: 60, types: ['usage_charge', 'refund'], from: '2026-11-01T00:00:00.000Z', to: null })
    expect(q.toString()).toBe('_start=40&_end=60&_sort=id&_order=desc&type=usage_charge&type=refund&created_at_gte=2026-11-01T00%3A00%3A00.000Z')
  })
})

describe('redemption code input', () => {
  it.each([
    ['veo abcd efgh', 'VEO-ABCD-EFGH'],
    ['VEOABCDEFGH', 'VEO-ABCD-EFGH'],
    ['veo-abcd-efgh', 'VEO-ABCD-EFGH'],
    ['v', 'V'],
    ['ve', 'VE'],
    ['veo', 'VEO'],
    ['veoab', 'VEO-AB'],
    ['abcd efgh', 'ABCD-EFGH'],
    ['abcde', 'ABCD-E'],
    ['xyzabcdefgh', 'XYZ-ABCD-EFGH'], // another prefix: the last 8 are the body, as on the server
    ['  veo_abcd.efgh ', 'VEO-ABCD-EFGH'],
  ])('%s → %s', (typed, shown) => {
    expect(formatCodeInput(typed, 'VEO')).toBe(shown)
  })

  it('keeps the caret after the same letters', () => {
    expect(caretAfter('VEO-ABCD-EFGH', 3)).toBe(3)
    expect(caretAfter('VEO-ABCD-EFGH', 4)).toBe(5)
    expect(caretAfter('VEO-ABCD-EFGH', 11)).toBe(13)
  })
})

describe('orderParams', () => {
  it('repeats status, keeps dates and trims the number search', () => {
    const q = orderParams({ start: 20, end: 40, statuses: ['PAID', 'REFUNDED'], from: '2026-11-01T00:00:00.000Z', to: null, number: '  R2026 ' })
    expect(q.toString()).toBe('_start=20&_end=40&_sort=created_at&_order=desc&status=PAID&status=REFUNDED&created_at_gte=2026-11-01T00%3A00%3A00.000Z&number_like=R2026')
  })
})
