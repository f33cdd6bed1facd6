import { describe, expect, it } from 'vitest'
import { orderParams, transactionParams } from '../api/portal'
import { formatMoney } from '../components/Money'
import i18n from '../i18n'
import { compareAmounts, formatCurrency, formatDecimal, fromUnits, isZero, sumAmounts, toUnits } from '../lib/money'
import { caretAfter, formatCodeInput } from '../lib/redeemCode'
import { transactionDirection } from '../lib/transactions'

describe('decimal amounts', () => {
  it.each([
    ['10.000000', '10.00'],
    ['10.500000', '10.50'],
    ['0.300000', '0.30'],
    ['0.000125', '0.000125'],
    ['1234.567800', '1,234.5678'],
    ['0.000000', '0.00'],
    ['-3.100000', '-3.10'],
    ['-0.000000', '0.00'],
    // beyond what a double holds exactly: 2^53 + 1
    ['9007199254740993.000001', '9,007,199,254,740,993.000001'],
  ])('USD %s → %s', (value, shown) => {
    expect(formatDecimal(value, 'USD')).toBe(shown)
  })

  it.each([
    ['1500.000000', '1,500'],
    ['2.500000', '2.5'],
    ['0.000100', '0.0001'],
    ['0.000000', '0'],
  ])('CREDIT %s → %s', (value, shown) => {
    expect(formatDecimal(value, 'CREDIT')).toBe(shown)
  })

  it('leaves what is not a decimal alone', () => {
    expect(formatDecimal('n/a', 'USD')).toBe('n/a')
    expect(formatDecimal(null, 'USD')).toBe('')
  })

  it('adds exactly, without float artefacts', () => {
    expect(0.1 + 0.2).not.toBe(0.3) // the trap
    expect(sumAmounts(['0.100000', '0.200000'])).toBe('0.300000')
    expect(sumAmounts(['9007199254740993.000000', '0.000001'])).toBe('9007199254740993.000001')
    expect(sumAmounts(['1.000000', '-0.250000'])).toBe('0.750000')
    expect(fromUnits(toUnits('-0.000001'))).toBe('-0.000001')
    expect(compareAmounts('1.500000', '1.5')).toBe(0)
    expect(compareAmounts('0.999999', '1.000000')).toBe(-1)
    expect(isZero('0.000000')).toBe(true)
    expect(isZero('0.000001')).toBe(false)
  })

  it('formats with the unit and a sign', () => {
    const t = i18n.getFixedT('en')
    expect(formatMoney(t, '10.000000', 'USD')).toBe('$10.00')
    expect(formatMoney(t, '1.250000', 'USD', '-')).toBe('\u2212$1.25')
    expect(formatMoney(t, '1.250000', 'USD', '+')).toBe('+$1.25')
    expect(formatMoney(t, '1500.000000', 'CREDIT')).toBe('1,500 credits')
    expect(formatMoney(t, '1.000000', 'CREDIT')).toBe('1 credit')
    expect(formatMoney(i18n.getFixedT('zh-CN'), '1500.000000', 'CREDIT')).toBe('1,500 积分')
  })
})

describe('transaction directions', () => {
  it.each([
    ['recharge', 'in'],
    ['redeem', 'in'],
    ['voucher_grant', 'in'],
    ['usage_charge', 'out'],
    ['voucher_expiry', 'out'],
    ['refund', 'out'],
    ['reversal', 'neutral'],
    ['something_new', 'neutral'],
  ])('%s → %s', (type, direction) => {
    expect(transactionDirection(type)).toBe(direction)
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

describe('formatCurrency (plan prices, order amounts)', () => {
  it.each([
    ['9.90', 'USD', '$9.90'],
    ['9.9', 'usd', '$9.90'],
    ['0.30', 'USD', '$0.30'],
    ['1234567.5', 'USD', '$1,234,567.50'],
    ['9007199254740993.10', 'USD', '$9,007,199,254,740,993.10'],
    ['0.125', 'USD', '$0.125'],
    ['1200', 'JPY', '¥1,200'],
    ['12.5', 'EUR', '€12.50'],
    ['3', 'KWD', '3.000 KWD'],
    ['5.00', 'ABCD', '5.00 ABCD'],
    ['-2.00', 'USD', '-$2.00'],
    ['7.00', '', '7.00'],
  ])('%s %s → %s', (value, currency, expected) => {
    expect(formatCurrency(value, currency)).toBe(expected)
  })

  it('leaves what it cannot parse alone', () => {
    expect(formatCurrency('n/a', 'USD')).toBe('n/a USD')
  })
})

describe('orderParams', () => {
  it('repeats status, keeps dates and trims the number search', () => {
    const q = orderParams({ start: 20, end: 40, statuses: ['PAID', 'REFUNDED'], from: '2026-11-01T00:00:00.000Z', to: null, number: '  R2026 ' })
    expect(q.toString()).toBe('_start=20&_end=40&_sort=created_at&_order=desc&status=PAID&status=REFUNDED&created_at_gte=2026-11-01T00%3A00%3A00.000Z&number_like=R2026')
  })
})
