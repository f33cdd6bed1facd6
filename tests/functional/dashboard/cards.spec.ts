/**
 * The dashboard's period cards (issue 11 §4): on a small seeded set, every card moves by exactly
 * the hand-computed sums of what was seeded, for today, this week, month and year (UTC periods);
 * trends add up to their card; usage figures come from the rollups; a role gets only the cards
 * whose lists it may view. Each test runs in a rolled-back global transaction.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createCustomer } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'
import { fundCash, units } from '#tests/support/ledger'
import { apiKey, ingest, pricedModel, usageRecord } from '#tests/support/usage_ingest'
import { fromUnits } from '#services/ledger/amounts'
import { periodStarts, CARD_SOURCES } from '#services/dashboard/cards'
import { DASHBOARD_CARDS, type DashboardCardId, type DashboardPeriod } from '#contract/dashboard'

const PERIODS: DashboardPeriod[] = ['today', 'week', 'month', 'year']
const HOUR = 3_600_000
type Cards = Record<string, Record<DashboardPeriod, string>>
const cardsOf = (body: any): Cards => Object.fromEntries((body.cards?.cards ?? []).map((c: any) => [c.id, c.values]))
const toUnits = (value: string, kind: string) => (kind === 'money' ? units(value) : BigInt(value))
const KIND = Object.fromEntries(DASHBOARD_CARDS.map((c) => [c.value, c.kind]))

test.group('Dashboard cards', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('each card moves by exactly the seeded sums, for today, this week, month and year', async ({ assert }) => {
    const admin = (await staffAgent('super_admin')).agent
    const before = cardsOf((await admin.get('/api/admin/dashboard/summary')).body)
    assert.sameMembers(Object.keys(before), DASHBOARD_CARDS.map((c) => c.value))

    const { model, channel } = await pricedModel() // 2 / 8 per 1M tokens in / out; cost 1 / 4
    const [a, b] = [await createCustomer(), await createCustomer()]
    await fundCash(a.id, '25.50')
    await fundCash(b.id, '10')
    const key = await apiKey(a.id)
    await staffAgent('auditor') // one more staff sign-in
    const now = Date.now()
    const starts = periodStarts(new Date(now))
    // one record now, one yesterday, one before this month, one before this year (each may fall in a period or not)
    const times = [now - 60_000, starts.today.getTime() - HOUR, starts.month.getTime() - HOUR, starts.year.getTime() - HOUR]
    const records = times.flatMap((t, i) => [
      usageRecord({ api_key_id: key.id, model: model.code, channel: channel.id, started_at: new Date(t).toISOString(), input_tokens: 1000 * (i + 1), output_tokens: 100, cache_read_tokens: 10 }),
      usageRecord({ customer_id: b.id, model: model.code, channel: channel.id, started_at: new Date(t).toISOString(), status: 'error', input_tokens: 7, output_tokens: 3 }),
    ])
    assert.equal((await ingest({ records })).body.billed, 8)
    const after = cardsOf((await admin.get('/api/admin/dashboard/summary')).body)

    for (const period of PERIODS) {
      const inPeriod = records.filter((r) => Date.parse(r.started_at) >= starts[period].getTime()) as any[]
      const tokens = inPeriod.reduce<bigint>((n, r) => n + BigInt(r.input_tokens + r.output_tokens + (r.cache_read_tokens ?? 0)), 0n)
      // a token in costs the customer 2 units (2 per 1M tokens), out 8, a cache read 0.5 (10 reads: 5); cost 1, 4 and 0.25 (10 reads: 2.5 → 2, half-even)
      const charged = inPeriod.reduce<bigint>((n, r) => n + BigInt(2 * r.input_tokens + 8 * r.output_tokens + (r.cache_read_tokens ? 5 : 0)), 0n)
      const cost = inPeriod.reduce<bigint>((n, r) => n + BigInt(r.input_tokens + 4 * r.output_tokens + (r.cache_read_tokens ? 2 : 0)), 0n)
      const expected: Record<DashboardCardId, bigint> = {
        new_users: 2n,
        recharged: units('35.50'),
        tokens,
        cost,
        revenue: charged,
        margin: charged - cost,
        staff_logins: 1n,
        active_users: BigInt(new Set(inPeriod.map((r) => r.customer_id ?? a.id)).size),
      }
      for (const card of DASHBOARD_CARDS.map((c) => c.value)) {
        const delta = toUnits(after[card][period], KIND[card]) - toUnits(before[card][period], KIND[card])
        assert.equal(delta, expected[card], `${card} ${period}`)
      }
    }
    // the record of a minute ago is in every period: today has it for sure
    assert.equal(toUnits(after.tokens.today, 'tokens') - toUnits(before.tokens.today, 'tokens'), 1110n + 10n)
    assert.equal(fromUnits(units(after.revenue.today) - units(before.revenue.today)), '0.002843')
  }).timeout(60_000)

  test('usage cards read the rollups, not the usage rows', async ({ assert }) => {
    const admin = (await staffAgent('super_admin')).agent
    const { model, channel } = await pricedModel()
    const customer = await createCustomer()
    await fundCash(customer.id, '5')
    await ingest({ records: [usageRecord({ customer_id: customer.id, model: model.code, channel: channel.id, input_tokens: 1000, output_tokens: 500 })] })
    const before = cardsOf((await admin.get('/api/admin/dashboard/summary')).body)
    await db.from('usage_rollup_daily').where('customer_id', customer.id).increment({ input_tokens: 5, charged: 1_000_000, margin: 1_000_000 })
    const after = cardsOf((await admin.get('/api/admin/dashboard/summary')).body)
    assert.equal(BigInt(after.tokens.year) - BigInt(before.tokens.year), 5n)
    assert.equal(units(after.revenue.month) - units(before.revenue.month), 1_000_000n)
    assert.equal(after.cost.today, before.cost.today)
  }).timeout(60_000)

  test('a card’s trend: hours of today, days of the week and month, months of the year, adding up to the card', async ({ assert }) => {
    const admin = (await staffAgent('super_admin')).agent
    const { model, channel } = await pricedModel()
    const customer = await createCustomer()
    await fundCash(customer.id, '5')
    await ingest({ records: [usageRecord({ customer_id: customer.id, model: model.code, channel: channel.id, input_tokens: 1000, output_tokens: 500 })] })
    const cards = cardsOf((await admin.get('/api/admin/dashboard/summary')).body)
    const now = new Date()
    const count = { today: now.getUTCHours() + 1, week: ((now.getUTCDay() + 6) % 7) + 1, month: now.getUTCDate(), year: now.getUTCMonth() + 1 }
    for (const card of ['tokens', 'revenue', 'new_users', 'recharged', 'staff_logins', 'margin', 'cost'] as const) {
      for (const period of PERIODS) {
        const reply = await admin.get(`/api/admin/dashboard/trend?card=${card}&period=${period}`)
        assert.equal(reply.status, 200, reply.text)
        assert.equal(reply.body.granularity, { today: 'hour', week: 'day', month: 'day', year: 'month' }[period])
        assert.lengthOf(reply.body.points, count[period], `${card} ${period}`)
        const sum = reply.body.points.reduce((n: bigint, p: any) => n + toUnits(p.value, KIND[card]), 0n)
        assert.equal(sum, toUnits(cards[card][period], KIND[card]), `${card} ${period}`)
      }
    }
    const year = (await admin.get('/api/admin/dashboard/trend?card=active_users&period=year')).body
    assert.equal(year.points.at(-1).bucket, now.toISOString().slice(0, 7))
    assert.isAtLeast(Number(year.points.at(-1).value), 1)
    const today = (await admin.get('/api/admin/dashboard/trend?card=tokens&period=today')).body
    assert.equal(today.points[0].bucket, `${now.toISOString().slice(0, 10)} 00:00`)
  }).timeout(60_000)

  test('bad trend questions are 422; a role gets only the cards whose lists it may view, and their trends', async ({ assert }) => {
    const admin = (await staffAgent('super_admin')).agent
    assert.equal((await admin.get('/api/admin/dashboard/trend?card=nope&period=week')).status, 422)
    assert.equal((await admin.get('/api/admin/dashboard/trend?card=tokens&period=decade')).status, 422)
    assert.equal((await admin.get('/api/admin/dashboard/trend')).status, 422)

    const [role] = await db.table('roles').insert({ name: 'users_and_logs', label: 'Users and logs' }).returning('*')
    await db.table('role_permissions').insert([
      { role_id: role.id, resource: 'users', action: 'view' },
      { role_id: role.id, resource: 'audit-logs', action: 'view' },
    ])
    const agent = (await staffAgent('auditor', { role_id: role.id })).agent
    const body = (await agent.get('/api/admin/dashboard/summary')).body
    assert.deepEqual(body.cards.cards.map((c: any) => c.id), ['new_users', 'staff_logins'])
    assert.equal(body.cards.zone, 'UTC')
    assert.equal((await agent.get('/api/admin/dashboard/trend?card=new_users&period=month')).status, 200)
    assert.equal((await agent.get('/api/admin/dashboard/trend?card=tokens&period=month')).status, 403)
    for (const [card, sources] of Object.entries(CARD_SOURCES)) assert.isAbove(sources.length, 0, card)
  }).timeout(60_000)
})
