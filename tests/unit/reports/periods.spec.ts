/** Report periods (weeks from Monday, months, the range's clipped ends) and the figures' rounding. */
import { test } from '@japa/runner'
import { periodsOf } from '#services/reports/periods'
import { percent, perHead } from '#services/reports/figures'
import { readReportParams } from '#services/reports/params'

const params = (from: string, to: string, granularity: 'day' | 'week' | 'month') => ({ from, to, granularity, zone: 'UTC' })

test.group('Reports / periods and figures', () => {
  test('weeks start on Monday and the first and last periods keep only the days in the range', ({ assert }) => {
    assert.deepEqual(periodsOf(params('2030-01-01', '2030-01-15', 'week')), [
      { period: '2029-12-31', from: '2030-01-01', until: '2030-01-07', days: 6 },
      { period: '2030-01-07', from: '2030-01-07', until: '2030-01-14', days: 7 },
      { period: '2030-01-14', from: '2030-01-14', until: '2030-01-16', days: 2 },
    ])
  })

  test('months across a leap February and a year end', ({ assert }) => {
    assert.deepEqual(
      periodsOf(params('2027-12-15', '2028-03-01', 'month')).map((p) => [p.period, p.days]),
      [['2027-12-01', 17], ['2028-01-01', 31], ['2028-02-01', 29], ['2028-03-01', 1]]
    )
    assert.lengthOf(periodsOf(params('2028-02-27', '2028-03-01', 'day')), 4)
  })

  test('percentages round half away from zero to two decimals, null on a zero base', ({ assert }) => {
    assert.equal(percent(1n, 3n), '33.33')
    assert.equal(percent(2n, 3n), '66.67')
    assert.equal(percent(1n, 8n), '12.50')
    assert.equal(percent(1n, 80_000n), '0.00')
    assert.equal(percent(1n, 20_000n), '0.01')
    assert.equal(percent(-1n, 3n), '-33.33')
    assert.equal(percent(-1n, 20_000n), '-0.01')
    assert.equal(percent(5n, 0n), null)
    assert.equal(perHead(168_800_000n, 3n), '56.266667')
    assert.equal(perHead(1n, 0n), null)
  })

  test('params default to days in UTC and refuse what the SQL must not see', ({ assert }) => {
    assert.deepEqual(readReportParams({ from: '2030-01-01', to: '2030-01-02' }), { from: '2030-01-01', to: '2030-01-02', granularity: 'day', zone: 'UTC' })
    for (const zone of ["UTC'", 'Asia/Shanghai; SELECT 1', '../etc', 'Not/A_Zone']) {
      assert.throws(() => readReportParams({ from: '2030-01-01', to: '2030-01-02', zone }), /zone/)
    }
    assert.throws(() => readReportParams({ from: ['2030-01-01'], to: '2030-01-02' }), /from/)
  })
})
