/**
 * The contract's money rules (backend/contract/money.ts), used by backend, console and portal alike.
 * Wire conversions: exact (QUALITY.md scenario 13: no floats, > 2^53, "1e3", too many decimals).
 * Display: the currency's own precision and no trailing zeros beyond it, grouped per locale, with
 * a sign when one is asked for.
 */
import { test } from '@japa/runner'
import { compareAmounts, currencyDigits, formatMoney, formatUnits, MINUS, parseDecimal, parseUnits, sumAmounts, toUnits, trimAmount } from '#contract/money'

test.group('parseUnits', () => {
  test('decimal text becomes exact integer minor units', ({ assert }) => {
    const cases: Array<[string, number, bigint]> = [
      ['12.34', 2, 1234n],
      ['12', 2, 1200n],
      ['12.3', 2, 1230n],
      ['0.01', 2, 1n],
      ['0', 2, 0n],
      ['00012.50', 2, 1250n],
      [' 12.50 ', 2, 1250n],
      ['5', 0, 5n],
      ['0.00000001', 8, 1n],
      ['1.5', 8, 150000000n],
    ]
    for (const [text, scale, expected] of cases) {
      assert.equal(parseUnits(text, scale), expected, `${JSON.stringify(text)} @${scale}`)
    }
  })

  test('amounts beyond 2^53 stay exact', ({ assert }) => {
    assert.equal(parseUnits('9007199254740993.01', 2), 900719925474099301n)
    assert.equal(parseUnits('90071992547409930.99', 2), 9007199254740993099n)
    assert.equal(parseUnits('123456789012345678901234567890.99', 2), 12345678901234567890123456789099n)
    // what a float would have produced is not what comes out
    assert.notEqual(parseUnits('9007199254740993', 0), BigInt(Number('9007199254740993')))
  })

  test('negative amounts parse with their sign (refusing them is the use case\'s job)', ({ assert }) => {
    assert.equal(parseUnits('-5.5', 2), -550n)
    assert.equal(parseUnits('-0.01', 2), -1n)
    assert.equal(parseUnits('-0', 2), 0n)
    assert.equal(parseUnits('-9007199254740993.01', 2), -900719925474099301n)
  })

  test('more decimals than the scale are refused, never rounded', ({ assert }) => {
    for (const [text, scale] of [
      ['1.234', 2],
      ['0.001', 2],
      ['1.000', 2],
      ['5.0', 0],
      ['0.000000001', 8],
    ] as Array<[string, number]>) {
      assert.throws(() => parseUnits(text, scale), /decimal places/, `${text} @${scale}`)
    }
  })

  test('exponents, hex, signs, separators, blanks and non-numbers are refused', ({ assert }) => {
    for (const text of ['1e3', '1E3', '1e-2', '0x10', 'Infinity', '-Infinity', 'NaN', '', ' ', '.5', '5.', '+5', '1,000.00', '12,50', '--1', '1.2.3', '1 000', '١٢', '1_000', 'abc', '1'.repeat(31)]) {
      let error: unknown
      try {
        parseUnits(text, 2)
      } catch (e) {
        error = e
      }
      assert.instanceOf(error, RangeError, JSON.stringify(text))
    }
  })

  test('a float that reached it by mistake is refused, not silently rounded', ({ assert }) => {
    assert.throws(() => parseUnits((0.1 + 0.2) as any, 2), /decimal places/)
    assert.throws(() => parseUnits(1e21 as any, 2), RangeError)
  })
})

test.group('formatUnits', () => {
  test('minor units become decimal text with exactly scale decimals', ({ assert }) => {
    const cases: Array<[bigint | string | number, number, string]> = [
      [1234n, 2, '12.34'],
      [5n, 2, '0.05'],
      [100n, 2, '1.00'],
      [0n, 2, '0.00'],
      [-5n, 2, '-0.05'],
      [-1234n, 2, '-12.34'],
      [5n, 0, '5'],
      [1n, 8, '0.00000001'],
      ['1234', 2, '12.34'],
      [1234, 2, '12.34'],
      [900719925474099301n, 2, '9007199254740993.01'],
      ['12345678901234567890123456789099', 2, '123456789012345678901234567890.99'],
    ]
    for (const [units, scale, expected] of cases) assert.equal(formatUnits(units, scale), expected, `${units} @${scale}`)
  })

  test('never prints a negative zero', ({ assert }) => {
    assert.equal(formatUnits(parseUnits('-0.00', 2), 2), '0.00')
  })

  test('refuses a value that is not whole minor units', ({ assert }) => {
    assert.throws(() => formatUnits('12.5', 2))
    assert.throws(() => formatUnits(12.5, 2))
  })

  test('parse and format round-trip exactly', ({ assert }) => {
    const samples = ['0.00', '0.01', '-0.01', '1.00', '-1.00', '999999999999999999.99', '-9007199254740993.07', '42.42']
    for (const text of samples) assert.equal(formatUnits(parseUnits(text, 2), 2), text)
    let seed = 7n
    for (let i = 0; i < 500; i++) {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n
      const units = (seed % 2n ? -1n : 1n) * (seed >> 3n)
      for (const scale of [0, 2, 4, 8]) assert.equal(parseUnits(formatUnits(units, scale), scale), units)
    }
  })
})

test.group('formatMoney (display)', () => {
  test('each currency shows its own precision, more digits only when they carry value', ({ assert }) => {
    const cases: Array<[string, string, string]> = [
      ['10.000000', 'USD', '$10.00'],
      ['10.500000', 'USD', '$10.50'],
      ['0.000125', 'USD', '$0.000125'],
      ['1234.567800', 'USD', '$1,234.5678'],
      ['0.000000', 'USD', '$0.00'],
      ['9.9', 'usd', '$9.90'],
      ['1200', 'JPY', '¥1,200'],
      ['1200.000000', 'JPY', '¥1,200'],
      ['12.5', 'EUR', '€12.50'],
      ['3', 'KWD', 'KWD 3.000'],
      ['1500.000000', 'CREDIT', '1,500 CREDIT'],
      ['2.500000', 'CREDIT', '2.5 CREDIT'],
      ['7.00', '', '7'],
      // beyond what a double holds exactly: 2^53 + 1
      ['9007199254740993.000001', 'USD', '$9,007,199,254,740,993.000001'],
    ]
    for (const [value, unit, shown] of cases) assert.equal(formatMoney(value, unit), shown, `${value} ${unit}`)
  })

  test('no trailing zeros beyond the precision: "10.000000" is never shown', ({ assert }) => {
    for (const unit of ['USD', 'EUR', 'JPY', 'CNY', 'CREDIT']) {
      for (const locale of ['en', 'zh-CN']) assert.notMatch(formatMoney('10.000000', unit, { locale }), /10\.0{3,}/, `${unit} ${locale}`)
    }
  })

  test('signs: negatives get a minus, `always` adds a plus, magnitudes take the caller\'s direction, zero none', ({ assert }) => {
    assert.equal(formatMoney('-2.00', 'USD'), `${MINUS}$2.00`)
    assert.equal(formatMoney('-0.000000', 'USD'), '$0.00')
    assert.equal(formatMoney('2.00', 'USD', { sign: 'always' }), '+$2.00')
    assert.equal(formatMoney('-2.00', 'USD', { sign: 'always' }), `${MINUS}$2.00`)
    assert.equal(formatMoney('0.00', 'USD', { sign: 'always' }), '$0.00')
    assert.equal(formatMoney('-2.00', 'USD', { sign: 'never' }), '$2.00')
    assert.equal(formatMoney('1.250000', 'USD', { sign: 'debit' }), `${MINUS}$1.25`)
    assert.equal(formatMoney('1.250000', 'USD', { sign: 'credit' }), '+$1.25')
    assert.equal(formatMoney('1500.000000', 'CREDIT', { sign: 'debit', unitCode: false }), `${MINUS}1,500`)
  })

  test('zh-CN groups and names currencies its own way', ({ assert }) => {
    assert.equal(formatMoney('9.9', 'USD', { locale: 'zh-CN' }), 'US$9.90')
    assert.equal(formatMoney('1234567.5', 'CNY', { locale: 'zh-CN' }), '¥1,234,567.50')
    assert.equal(formatMoney('1234567.5', 'CNY', { locale: 'en' }), 'CN¥1,234,567.50')
    assert.equal(formatMoney('-3.5', 'CNY', { locale: 'zh-CN' }), `${MINUS}¥3.50`)
  })

  test('what is not an amount comes back as it was', ({ assert }) => {
    assert.equal(formatMoney('n/a', 'USD'), 'n/a USD')
    assert.equal(formatMoney(null, 'USD'), 'USD')
    assert.equal(formatMoney('1e3', ''), '1e3')
  })
})

test.group('trimAmount and lenient arithmetic', () => {
  test('plain text at the unit\'s precision, for messages and files', ({ assert }) => {
    assert.equal(trimAmount('10.000000', 'USD'), '10.00')
    assert.equal(trimAmount('10.500000', 'USD'), '10.50')
    assert.equal(trimAmount('0.000125', 'USD'), '0.000125')
    assert.equal(trimAmount('115.000000', 'CREDIT'), '115')
    assert.equal(trimAmount('-2.500000', 'CREDIT'), '-2.5')
    assert.equal(trimAmount('1200.000000', 'JPY'), '1200')
    assert.equal(currencyDigits('KWD'), 3)
    assert.isNull(currencyDigits('CREDIT'))
  })

  test('sums and comparisons are exact', ({ assert }) => {
    assert.notEqual(0.1 + 0.2, 0.3) // the trap
    assert.equal(sumAmounts(['0.100000', '0.200000']), '0.300000')
    assert.equal(sumAmounts(['9007199254740993.000000', '0.000001']), '9007199254740993.000001')
    assert.equal(sumAmounts(['1.000000', '-0.250000']), '0.750000')
    assert.equal(formatUnits(toUnits('-0.000001'), 6), '-0.000001')
    assert.equal(compareAmounts('1.500000', '1.5'), 0)
    assert.equal(compareAmounts('0.999999', '1.000000'), -1)
    assert.deepEqual(parseDecimal('+001.2300'), { negative: false, int: '1', frac: '23' })
    assert.isNull(parseDecimal('abc'))
  })
})
