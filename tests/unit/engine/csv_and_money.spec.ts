/**
 * CSV cells (QUALITY.md scenario 16: formula neutralisation, RFC 4180 escaping). Money
 * conversions are the contract's: tests/unit/contract/money.spec.ts.
 */
import { test } from '@japa/runner'
import { csvCell, csvLine } from '#engine/csv'
import { parseCsv } from '#tests/support/csv'

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
