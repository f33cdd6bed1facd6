/**
 * Every report against a hand count of the January 2030 set (seed.ts): exact money and percentage
 * strings, zone cuts (Asia/Shanghai against UTC on records near midnight), week and month periods,
 * the CSV, the registry against the contract, the permission and the refusal of bad parameters.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { REPORTS, REPORT_IDS } from '#contract/reports'
import { REPORT_DEFINITIONS } from '#services/reports/registry'
import { staffAgent } from '#tests/support/agents'
import { auditRows } from '#tests/support/fixtures'
import { Agent } from '#tests/support/agent'
import { seedReports } from './seed.js'

const JANUARY = 'from=2030-01-01&to=2030-01-31'

async function report(agent: Agent, id: string, query: string) {
  const reply = await agent.get(`/api/admin/reports/${id}?${query}`)
  if (reply.status !== 200) throw new Error(`${id}?${query}: ${reply.status} ${reply.text}`)
  return reply.body
}

/** The rows as arrays of the named columns, for compact comparisons. */
const table = (body: any, keys: string[]) => body.rows.map((row: any) => keys.map((k) => row[k]))
const totals = (body: any, keys: string[]) => keys.map((k) => body.totals[k])

test.group('Reports / figures', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('the registry implements exactly the contract\'s reports, and the list describes each in both languages', async ({ assert }) => {
    assert.sameMembers(Object.keys(REPORT_DEFINITIONS), [...REPORT_IDS])
    assert.deepEqual(REPORTS.map((r) => r.id), [...REPORT_IDS])
    const { agent } = await staffAgent('finance')
    const reply = await agent.get('/api/admin/reports')
    assert.equal(reply.status, 200, reply.text)
    assert.lengthOf(reply.body.reports, 18)
    for (const r of reply.body.reports) {
      assert.isAbove(r.how.en.length, 40, r.id)
      assert.isAbove(r.how['zh-CN'].length, 15, r.id)
      assert.isAbove(r.title['zh-CN'].length, 1, r.id)
    }
  })

  test('recharge trend by month, week and day; a payment at 01:00 in Shanghai is the next day there', async ({ assert }) => {
    await seedReports()
    const { agent } = await staffAgent('finance')
    const month = await report(agent, 'recharge_trend', `${JANUARY}&granularity=month`)
    assert.equal(month.currency, 'USD')
    assert.deepEqual(table(month, ['period', 'orders', 'customers', 'recharged']), [['2030-01-01', 4, 3, '168.800000']])
    assert.deepEqual(totals(month, ['orders', 'customers', 'recharged']), [4, 3, '168.800000'])
    const week = await report(agent, 'recharge_trend', `${JANUARY}&granularity=week`)
    assert.deepEqual(table(week, ['period', 'orders', 'recharged']), [
      ['2029-12-31', 3, '118.800000'],
      ['2030-01-07', 0, '0.000000'],
      ['2030-01-14', 1, '50.000000'],
      ['2030-01-21', 0, '0.000000'],
      ['2030-01-28', 0, '0.000000'],
    ])
    const utc = await report(agent, 'recharge_trend', 'from=2030-01-03&to=2030-01-04&granularity=day&zone=UTC')
    assert.deepEqual(table(utc, ['period', 'orders', 'recharged']), [['2030-01-03', 1, '9.900000'], ['2030-01-04', 0, '0.000000']])
    const shanghai = await report(agent, 'recharge_trend', 'from=2030-01-03&to=2030-01-04&granularity=day&zone=Asia/Shanghai')
    assert.equal(shanghai.zone, 'Asia/Shanghai')
    assert.deepEqual(table(shanghai, ['period', 'orders', 'recharged']), [['2030-01-03', 0, '0.000000'], ['2030-01-04', 1, '9.900000']])
  })

  test('package sales ranking, revenue by day with refunds, refund rate and MRR', async ({ assert }) => {
    await seedReports()
    const { agent } = await staffAgent('operations')
    const ranking = await report(agent, 'package_revenue', JANUARY)
    assert.deepEqual(table(ranking, ['package', 'orders', 'revenue', 'share']), [
      ['Starter', 2, '19.800000', '11.73'],
      ['Premium', 1, '99.000000', '58.65'],
      ['—', 1, '50.000000', '29.62'],
    ])
    assert.deepEqual(totals(ranking, ['orders', 'revenue', 'share']), [4, '168.800000', '100.00'])

    const daily = await report(agent, 'revenue_by_day', 'from=2030-01-01&to=2030-01-08&granularity=month')
    assert.equal(daily.granularity, 'day')
    assert.deepEqual(table(daily, ['period', 'orders', 'revenue', 'refunded', 'net', 'cumulative']), [
      ['2030-01-01', 0, '0.000000', '0.000000', '0.000000', '0.000000'],
      ['2030-01-02', 1, '9.900000', '0.000000', '9.900000', '9.900000'],
      ['2030-01-03', 1, '9.900000', '0.000000', '9.900000', '19.800000'],
      ['2030-01-04', 0, '0.000000', '0.000000', '0.000000', '19.800000'],
      ['2030-01-05', 1, '99.000000', '0.000000', '99.000000', '118.800000'],
      ['2030-01-06', 0, '0.000000', '10.000000', '-10.000000', '108.800000'],
      ['2030-01-07', 0, '0.000000', '0.000000', '0.000000', '108.800000'],
      ['2030-01-08', 0, '0.000000', '4.950000', '-4.950000', '103.850000'],
    ])
    assert.deepEqual(totals(daily, ['orders', 'revenue', 'refunded', 'net', 'cumulative']), [3, '118.800000', '14.950000', '103.850000', null])

    const refunds = await report(agent, 'refund_rate', `${JANUARY}&granularity=month`)
    assert.deepEqual(table(refunds, ['period', 'paid', 'refunds', 'refunded', 'rate']), [['2030-01-01', '168.800000', 2, '14.950000', '8.86']])
    const emptyWeek = await report(agent, 'refund_rate', 'from=2030-01-07&to=2030-01-13&granularity=week')
    assert.deepEqual(table(emptyWeek, ['period', 'paid', 'refunded', 'rate']), [['2030-01-07', '0.000000', '4.950000', null]])

    const mrr = await report(agent, 'mrr', 'from=2029-12-01&to=2030-02-28&granularity=day')
    assert.equal(mrr.granularity, 'month')
    assert.deepEqual(table(mrr, ['period', 'revenue', 'refunded', 'mrr', 'change']), [
      ['2029-12-01', '0.000000', '0.000000', '0.000000', null],
      ['2030-01-01', '168.800000', '14.950000', '153.850000', null],
      ['2030-02-01', '0.000000', '0.000000', '0.000000', '-100.00'],
    ])
  })

  test('payment success rate counts only orders with an outcome', async ({ assert }) => {
    await seedReports()
    const { agent } = await staffAgent('finance')
    const body = await report(agent, 'payment_success_rate', `${JANUARY}&granularity=month`)
    assert.deepEqual(table(body, ['period', 'created', 'paid', 'failed', 'cancelled', 'pending', 'rate']), [['2030-01-01', 7, 4, 1, 1, 1, '66.67']])
  })

  test('consumption, gross margin, cost by model and by channel from the rollups; usage at 16:00 UTC is the next day in Shanghai', async ({ assert }) => {
    const { channelName } = await seedReports()
    const { agent } = await staffAgent('finance')
    const consumption = await report(agent, 'consumption_trend', `${JANUARY}&granularity=month`)
    assert.deepEqual(table(consumption, ['period', 'requests', 'input_tokens', 'output_tokens', 'charged']), [['2030-01-01', 19, 1210, 610, '6.500000']])
    const utc = await report(agent, 'consumption_trend', 'from=2030-01-05&to=2030-01-06&zone=UTC')
    assert.deepEqual(table(utc, ['period', 'requests', 'charged']), [['2030-01-05', 5, '3.000000'], ['2030-01-06', 0, '0.000000']])
    const shanghai = await report(agent, 'consumption_trend', 'from=2030-01-05&to=2030-01-06&zone=Asia/Shanghai')
    assert.deepEqual(table(shanghai, ['period', 'requests', 'charged']), [['2030-01-05', 0, '0.000000'], ['2030-01-06', 5, '3.000000']])

    const margin = await report(agent, 'gross_margin', `${JANUARY}&granularity=month&zone=Asia/Shanghai`)
    assert.deepEqual(table(margin, ['period', 'revenue', 'cost', 'margin', 'margin_rate']), [['2030-01-01', '6.500000', '4.849000', '1.651000', '25.40']])

    const byModel = await report(agent, 'cost_by_model', JANUARY)
    assert.deepEqual(table(byModel, ['model', 'requests', 'revenue', 'cost', 'share', 'margin']), [
      ['Model Two', 5, '3.000000', '2.500000', '51.56', '0.500000'],
      ['Model One', 14, '3.500000', '2.349000', '48.44', '1.151000'],
    ])
    assert.deepEqual(totals(byModel, ['requests', 'cost', 'share']), [19, '4.849000', '100.00'])
    const byChannel = await report(agent, 'cost_by_channel', JANUARY)
    assert.deepEqual(table(byChannel, ['channel', 'cost', 'share']), [['—', '2.500000', '51.56'], [channelName, '2.349000', '48.44']])
  })

  test('credit utilisation: consumed from the rollups ÷ credit granted in the ledger', async ({ assert }) => {
    await seedReports()
    const { agent } = await staffAgent('finance')
    const body = await report(agent, 'credit_utilisation', `${JANUARY}&granularity=month`)
    assert.deepEqual(table(body, ['period', 'granted', 'consumed', 'utilisation']), [['2030-01-01', '15.900000', '6.500000', '40.88']])
    const week = await report(agent, 'credit_utilisation', 'from=2030-01-07&to=2030-01-20&granularity=week')
    assert.deepEqual(table(week, ['period', 'granted', 'consumed', 'utilisation']), [
      ['2030-01-07', '0.000000', '0.100000', null],
      ['2030-01-14', '0.000000', '0.000000', null],
    ])
  })

  test('arrears rate: owing at the end of each day ÷ customers with usage that day', async ({ assert }) => {
    await seedReports()
    const { agent } = await staffAgent('finance')
    const body = await report(agent, 'arrears_rate', 'from=2030-01-04&to=2030-01-06')
    assert.deepEqual(table(body, ['period', 'owing', 'active', 'rate', 'owed']), [
      ['2030-01-04', 0, 0, null, '0.000000'],
      ['2030-01-05', 1, 1, '100.00', '1.500000'],
      ['2030-01-06', 1, 0, null, '1.500000'],
    ])
    assert.deepEqual(totals(body, ['owing', 'active', 'rate', 'owed']), [1, 1, '100.00', '1.500000'])
    const settled = await report(agent, 'arrears_rate', `${JANUARY}&granularity=month`)
    assert.deepEqual(table(settled, ['period', 'owing', 'active', 'rate', 'owed']), [['2030-01-01', 0, 2, '0.00', '0.000000']])
  })

  test('risk interception rate with one column per refusal reason', async ({ assert }) => {
    await seedReports()
    const { agent } = await staffAgent('operations')
    const body = await report(agent, 'risk_interception_rate', `${JANUARY}&granularity=month`)
    assert.deepEqual(body.columns.map((c: any) => c.key), ['period', 'verifies', 'refused', 'rate', 'refused_INVALID_KEY', 'refused_RATE_LIMITED'])
    assert.equal(body.columns[4].label.en, 'Unknown key')
    assert.deepEqual(table(body, ['period', 'verifies', 'refused', 'rate', 'refused_INVALID_KEY', 'refused_RATE_LIMITED']), [['2030-01-01', 110, 10, '9.09', 4, 6]])
    const shanghai = await report(agent, 'risk_interception_rate', 'from=2030-01-05&to=2030-01-06&zone=Asia/Shanghai')
    assert.deepEqual(table(shanghai, ['period', 'verifies', 'rate']), [['2030-01-05', 0, null], ['2030-01-06', 10, '0.00']])
  })

  test('active users: DAU by day, and the month\'s actives with daily average ÷ actives', async ({ assert }) => {
    await seedReports()
    const { agent } = await staffAgent('operations')
    const daily = await report(agent, 'active_users', 'from=2030-01-02&to=2030-01-05')
    assert.deepEqual(table(daily, ['period', 'active', 'stickiness']), [
      ['2030-01-02', 1, '100.00'],
      ['2030-01-03', 1, '100.00'],
      ['2030-01-04', 0, null],
      ['2030-01-05', 1, '100.00'],
    ])
    const monthly = await report(agent, 'active_users', 'from=2030-01-02&to=2030-01-05&granularity=month')
    assert.deepEqual(table(monthly, ['period', 'active', 'stickiness']), [['2030-01-01', 2, '37.50']])
    assert.deepEqual(totals(monthly, ['active', 'stickiness']), [2, '37.50'])
  })

  test('new-user conversion, weekly retention cohorts and ARPU', async ({ assert }) => {
    await seedReports()
    const { agent } = await staffAgent('finance')
    const conversion = await report(agent, 'new_user_conversion', `${JANUARY}&granularity=month`)
    assert.deepEqual(table(conversion, ['period', 'registered', 'paid_7d', 'rate_7d', 'paid_ever', 'rate_ever']), [['2030-01-01', 3, 2, '66.67', 3, '100.00']])

    const cohorts = await report(agent, 'retention_cohorts', 'from=2030-01-01&to=2030-01-13&granularity=month')
    assert.equal(cohorts.granularity, 'week')
    assert.deepEqual(table(cohorts, ['period', 'registered', 'week1', 'week1_rate', 'week4', 'week4_rate']), [
      ['2029-12-31', 2, 1, '50.00', 1, '50.00'],
      ['2030-01-07', 1, 0, '0.00', 0, '0.00'],
    ])
    const inShanghai = await report(agent, 'retention_cohorts', 'from=2030-01-01&to=2030-01-13&zone=Asia/Shanghai')
    assert.deepEqual(table(inShanghai, ['period', 'registered', 'week1', 'week4']), [['2029-12-31', 2, 1, 1], ['2030-01-07', 1, 0, 0]])

    const arpu = await report(agent, 'arpu', `${JANUARY}&granularity=month`)
    assert.deepEqual(table(arpu, ['period', 'revenue', 'active', 'paying', 'arpu', 'arppu']), [['2030-01-01', '168.800000', 2, 3, '84.400000', '56.266667']])
  })

  test('generation success rate and average processing time', async ({ assert }) => {
    await seedReports()
    const { agent } = await staffAgent('operations')
    const body = await report(agent, 'generation_success', `${JANUARY}&granularity=month`)
    assert.deepEqual(table(body, ['period', 'started', 'completed', 'failed', 'processing', 'success_rate', 'avg_ms']), [['2030-01-01', 4, 2, 1, 1, '66.67', 60000]])
    const days = await report(agent, 'generation_success', 'from=2030-01-02&to=2030-01-03')
    assert.deepEqual(table(days, ['period', 'success_rate', 'avg_ms']), [['2030-01-02', '50.00', 90000], ['2030-01-03', '100.00', 30000]])
  })

  test('the CSV has the same figures with labels in the asked language, and is audited as an export', async ({ assert }) => {
    await seedReports()
    const { staff, agent } = await staffAgent('finance')
    const en = await agent.get(`/api/admin/reports/package_revenue/csv?${JANUARY}&_lang=en`)
    assert.equal(en.status, 200, en.text)
    assert.match(en.headers.get('content-type')!, /text\/csv/)
    assert.include(en.headers.get('content-disposition')!, 'package_revenue-2030-01-01-2030-01-31-day.csv')
    assert.equal(
      en.text,
      'Package,Orders sold,Revenue,Share of revenue\r\nStarter,2,19.800000,11.73\r\nPremium,1,99.000000,58.65\r\n—,1,50.000000,29.62\r\nTotal,4,168.800000,100.00\r\n'
    )
    // the body starts with a UTF-8 BOM (fetch's text() drops it, so read the bytes)
    const raw = await fetch(`${Agent.base()}/api/admin/reports/package_revenue/csv?${JANUARY}`, { headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } })
    assert.deepEqual([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)], [0xef, 0xbb, 0xbf])
    const zh = await agent.get(`/api/admin/reports/refund_rate/csv?${JANUARY}&granularity=month&_lang=zh-CN`)
    assert.equal(zh.text, '周期,已付收入,退款笔数,退款金额,退款率\r\n2030-01-01,168.800000,2,14.950000,8.86\r\n合计,168.800000,2,14.950000,8.86\r\n')
    const audited = await auditRows({ action: 'export', resource: 'reports', actor_id: staff.id })
    assert.lengthOf(audited, 3)
    assert.deepInclude(audited[0].metadata, { report: 'package_revenue', from: '2030-01-01', to: '2030-01-31', granularity: 'day', zone: 'UTC', rows: 3 })
  })

  test('a role without reports:view is refused (403) and sees no reports in its meta', async ({ assert }) => {
    const { agent } = await staffAgent('support')
    for (const path of ['/api/admin/reports', `/api/admin/reports/mrr?${JANUARY}`, `/api/admin/reports/mrr/csv?${JANUARY}`]) {
      const reply = await agent.get(path)
      assert.equal(reply.status, 403, path)
    }
    const meta = await agent.get('/api/admin/meta')
    assert.notInclude(meta.body.resources.map((r: any) => r.name), 'reports')
    const { agent: finance } = await staffAgent('finance')
    const financeMeta = await finance.get('/api/admin/meta')
    assert.sameMembers(financeMeta.body.resources.find((r: any) => r.name === 'reports').permissions, ['view', 'export'])
  })

  test('bad parameters are 422 naming the field; an unknown report is 404', async ({ assert }) => {
    const { agent } = await staffAgent('finance')
    const cases: Array<[string, string]> = [
      ['to=2030-01-31', 'from'],
      ['from=2030-02-30&to=2030-03-01', 'from'],
      ['from=2030-01-31&to=2030-01-01', 'to'],
      [`${JANUARY}&granularity=hour`, 'granularity'],
      [`${JANUARY}&zone=Mars/Olympus_Mons`, 'zone'],
      [`${JANUARY}&zone=UTC';DROP TABLE orders;--`, 'zone'],
      ['from=2028-01-01&to=2030-01-31&granularity=day', 'to'],
      ['from=2000-01-01&to=2030-01-31&granularity=month', 'to'],
    ]
    for (const [query, field] of cases) {
      const reply = await agent.get(`/api/admin/reports/recharge_trend?${query}`)
      assert.equal(reply.status, 422, `${query}: ${reply.text}`)
      assert.equal(reply.body.errors[0].field, field, query)
    }
    const weekly = await agent.get('/api/admin/reports/recharge_trend?from=2028-01-01&to=2030-01-31&granularity=week')
    assert.equal(weekly.status, 200, weekly.text)
    const unknown = await agent.get(`/api/admin/reports/nope?${JANUARY}`)
    assert.equal(unknown.status, 404)
  })
})
