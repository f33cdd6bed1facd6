/**
 * Exact money conversions (QUALITY.md scenario 13: no floats, > 2^53, "1e3", too many
 * decimals) and CSV cells (scenario 16: formula neutralisation, RFC 4180 escaping).
 */
import { test } from '@japa/runner'
import { formatMoney, parseMoney } from '#engine/values'
import { csvCell, csvLine } from '#engine/csv'
import { parseCsv } from '#tests/support/csv'

test.group('parseMoney', () => {
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
      assert.equal(parseMoney(text, scale), expected, `${JSON.stringify(text)} @${scale}`)
    }
  })

  test('amounts beyond 2^53 stay exact', ({ assert }) => {
    assert.equal(parseMoney('9007199254740993.01', 2), 900719925474099301n)
    assert.equal(parseMoney('90071992547409930.99', 2), 9007199254740993099n)
    assert.equal(parseMoney('123456789012345678901234567890.99', 2), 12345678901234567890123456789099n)
    // what a float would have produced is not what comes out
    assert.notEqual(parseMoney('9007199254740993', 0), BigInt(Number('9007199254740993')))
  })

  test('negative amounts parse with their sign (refusing them is the use case\'s job)', ({ assert }) => {
    assert.equal(parseMoney('-5.5', 2), -550n)
    assert.equal(parseMoney('-0.01', 2), -1n)
    assert.equal(parseMoney('-0', 2), 0n)
    assert.equal(parseMoney('-9007199254740993.01', 2), -900719925474099301n)
  })

  test('more decimals than the scale are refused, never rounded', ({ assert }) => {
    for (const [text, scale] of [
      ['1.234', 2],
      ['0.001', 2],
      ['1.000', 2],
      ['5.0', 0],
      ['0.000000001', 8],
    ] as Array<[string, number]>) {
      assert.throws(() => parseMoney(text, scale), /decimal places/, `${text} @${scale}`)
    }
  })

  test('exponents, hex, signs, separators, blanks and non-numbers are refused', ({ assert }) => {
    for (const text of ['1e3', '1E3', '1e-2', '0x10', 'Infinity', '-Infinity', 'NaN', '', ' ', '.5', '5.', '+5', '1,000.00', '12,50', '--1', '1.2.3', '1 000', '١٢', '1_000', 'abc', '1'.repeat(31)]) {
      let error: unknown
      try {
        parseMoney(text, 2)
      } catch (e) {
        error = e
      }
      assert.instanceOf(error, RangeError, JSON.stringify(text))
    }
  })

  test('a float that reached it by mistake is refused, not silently rounded', ({ assert }) => {
    assert.throws(() => parseMoney((0.1 + 0.2) as any, 2), /decimal places/)
    assert.throws(() => parseMoney(1e21 as any, 2), RangeError)
  })
})

test.group('formatMoney', () => {
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
    for (const [units, scale, expected] of cases) assert.equal(formatMoney(units, scale), expected, `${units} @${scale}`)
  })

  test('never prints a negative zero', ({ assert }) => {
    assert.equal(formatMoney(parseMoney('-0.00', 2), 2), '0.00')
  })

  test('refuses a value that is not whole minor units', ({ assert }) => {
    assert.throws(() => formatMoney('12.5', 2))
    assert.throws(() => formatMoney(12.5, 2))
  })

  test('parse and format round-trip exactly', ({ assert }) => {
    const samples = ['0.00', '0.01', '-0.01', '1.00', '-1.00', '999999999999999999.99', '-9007199254740993.07', '42.42']
    for (const text of samples) assert.equal(formatMoney(parseMoney(text, 2), 2), text)
    let seed = 7n
    for (let i = 0; i < 500; i++) {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n
      const units = (seed % 2n ? -1n : 1n) * (seed >> 3n)
      for (const scale of [0, 2, 4, 8]) assert.equal(parseMoney(formatMoney(units, scale), scale), units)
    }
  })
})

test.group('csvCell', () => {
  test('empty values are empty cells; plain text and numbers pass through', ({ assert }) => {
    assert.equal(csvCell(null), '')
    assert.equal(csvCell(undefined), '')
    assert.equal(csvCell(''), '')
    assert.equal(csvCell('plain text'), 'plain text')
    assert.equal(csvCell(42), '42')
    assert.equal(csvCell(true), 'true')
    assert.equal(csvCell('a=b'), 'a=b')
    assert.equal(csvCell('2026-11-22T10:00:00.000Z'), '2026-11-22T10:00:00.000Z')
  })

  test('a cell starting with = + - @ tab or CR gets a leading quote', ({ assert }) => {
    assert.equal(csvCell('=1+1'), "'=1+1")
    assert.equal(csvCell('+1'), "'+1")
    assert.equal(csvCell('-1+1'), "'-1+1")
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)")
    assert.equal(csvCell('\t=1'), "'\t=1")
    // CR also forces quoting; the quote goes inside
    assert.equal(csvCell('\rcmd'), `"'\rcmd"`)
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const [[cell]] = parseCsv(csvLine([`${start}payload`]))
      assert.equal(cell, `'${start}payload`, JSON.stringify(start))
    }
  })

  test('a plain negative decimal number is data, not a formula: it stays numeric', ({ assert }) => {
    for (const number of ['-9.900000', '-9.9', '-5', '-0', '-0.000001', '-123456789012345678901234567890.99']) {
      assert.equal(csvCell(number), number)
      assert.deepEqual(parseCsv(csvLine([number, 'x'])), [[number, 'x']])
    }
    assert.equal(csvCell(-5), '-5')
    assert.equal(csvCell(-9.9), '-9.9')
  })

  test('anything else starting with "-" or "+" stays neutralised, even when it looks numeric', ({ assert }) => {
    for (const text of ['-1+1', '-3+4', '-1e3', '-1E3', '-.5', '-5.', '- 5', '--5', '-5 ', '-0x10', '-Infinity', '-NaN', '+5', '+9.9', '-1,5', '-5\n', '-9.9)', '-A1', '-SUM(A1)', '-١٢']) {
      const [[cell]] = parseCsv(csvLine([text]))
      assert.equal(cell, `'${text}`, JSON.stringify(text))
    }
    assert.equal(csvCell(-1e21), "'-1e+21")
    assert.equal(csvCell(Number.NEGATIVE_INFINITY), "'-Infinity")
  })

  test('quotes, commas, line breaks and edge spaces are quoted the RFC 4180 way', ({ assert }) => {
    assert.equal(csvCell('a"b'), '"a""b"')
    assert.equal(csvCell('a,b'), '"a,b"')
    assert.equal(csvCell('a\nb'), '"a\nb"')
    assert.equal(csvCell('a\r\nb'), '"a\r\nb"')
    assert.equal(csvCell(' padded '), '" padded "')
    assert.equal(csvCell('=HYPERLINK("http://evil.test")'), `"'=HYPERLINK(""http://evil.test"")"`)
  })

  test('lists join with "; " and objects become JSON, both escaped and neutralised', ({ assert }) => {
    assert.equal(csvCell(['vip', 'early']), 'vip; early')
    assert.equal(csvCell(['=cmd', 'x']), "'=cmd; x")
    assert.equal(csvCell([]), '')
    assert.equal(csvCell({ a: 1, b: 'x' }), '"{""a"":1,""b"":""x""}"')
  })

  test('a line of tricky values parses back cell for cell', ({ assert }) => {
    const values = ['plain', null, 'a,b', 'say "hi"', 'two\nlines', 'crlf\r\nhere', ' edge ', '=1+2', '-3+1', '-3', '', 7, ['x', 'y'], 'unicode ✓ 中文']
    const line = csvLine(values)
    assert.isTrue(line.endsWith('\r\n'))
    const [cells] = parseCsv(line)
    assert.deepEqual(cells, ['plain', '', 'a,b', 'say "hi"', 'two\nlines', 'crlf\r\nhere', ' edge ', "'=1+2", "'-3+1", '-3', '', '7', 'x; y', 'unicode ✓ 中文'])
  })
})
