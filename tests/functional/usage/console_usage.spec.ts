/**
 * The console's usage screens: the consumption detail (filters, exact request-id search, totals
 * equal to the rows and to the export), usage grouped by a dimension with the same totals, the
 * permission on both, hiding a generation from the review queue, and partition pruning of the
 * customer + 7-day list query. Usage rows are written directly (no ledger): these are screens.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { sumAmounts, toUnits } from '@creditdesk/contract/money'
import { staffAgent } from '#tests/support/agents'
import { auditRows, createCustomer, createStaff } from '#tests/support/fixtures'
import { Agent } from '#tests/support/agent'
import { csvObjects } from '#tests/support/csv'
import { assertLedgerHolds, balances, fundCash } from '#tests/support/ledger'
import { runUseCase } from '#tests/support/use_cases'
import createHold from '#actions/holds/create_hold'
import { findResource } from '#engine/registry'
import { parseListQuery } from '#engine/list_query'
import { filteredQuery, selectFields } from '#engine/list'
import { applySort } from '#engine/list_query'

const DAY = 86_400_000
const monthStart = () => {
  const now = new Date()
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)
}
const at = (days: number) => new Date(monthStart() + days * DAY)
const partitionOf = (date: Date) => `usage_records_${date.getUTCFullYear()}_${String(date.getUTCMonth() + 1).padStart(2, '0')}`

let seq = 0
async function model(code: string) {
  const [row] = await db.table('usage_models').insert({ code: `${code}-${Date.now()}-${seq++}`, name: code, vendor: 'Test', kind: 'text', billing_unit: 'per_1m_tokens' }).returning('*')
  return Number(row.id)
}

/** One usage row: charges in ledger units, charged = input + output charge, margin = charged − cost. */
async function usage(row: { customer: number; model: number; at: Date; input: number; output: number; cost: number; savings?: number; status?: string; upstream?: string }) {
  const request = `req-${Date.now()}-${seq++}`
  await db.table('usage_records').insert({
    started_at: row.at,
    request_id: request,
    upstream_request_id: row.upstream ?? null,
    customer_id: row.customer,
    model_id: row.model,
    channel_id: null,
    price_version_id: 1,
    multiplier: '1.0000',
    status: row.status ?? 'success',
    input_tokens: 1000,
    output_tokens: 200,
    cache_read_tokens: 50,
    input_charge: row.input,
    output_charge: row.output,
    charged: row.input + row.output,
    cost: row.cost,
    margin: row.input + row.output - row.cost,
    cache_savings: row.savings ?? 0,
  })
  return request
}

/** Customer A: three rows this month and two last month over two models; B: one row this month. */
async function seed() {
  const [a, b] = [await createCustomer(), await createCustomer()]
  const [m1, m2] = [await model('gpt-test'), await model('veo-test')]
  const requests = [
    await usage({ customer: a.id, model: m1, at: at(-2), input: 1_234_567, output: 3, cost: 1_000_000, savings: 7 }),
    await usage({ customer: a.id, model: m2, at: at(-1), input: 500_001, output: 0, cost: 600_000, upstream: 'up-LAST-MONTH' }),
    await usage({ customer: a.id, model: m1, at: at(0.5), input: 10, output: 20, cost: 5, status: 'error' }),
    await usage({ customer: a.id, model: m2, at: at(1), input: 2_000_000, output: 999_999, cost: 2_500_000, savings: 123 }),
    await usage({ customer: a.id, model: m1, at: at(20), input: 1, output: 1, cost: 0 }),
    await usage({ customer: b.id, model: m1, at: at(1), input: 42_000_000, output: 0, cost: 1 }),
  ]
  return { a, b, m1, m2, requests }
}

const range = (from: number, to: number) => `started_at_gte=${at(from).toISOString()}&started_at_lte=${at(to).toISOString()}`

test.group('Usage / console screens', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('the detail filters by customer and range across two months; totals equal the rows and the export', async ({ assert }) => {
    const { a, requests } = await seed()
    const { agent } = await staffAgent('finance')
    const query = `customer_id=${a.id}&${range(-3, 4)}`
    const list = await agent.get(`/api/admin/usage-records?${query}`)
    assert.equal(list.status, 200, list.text)
    assert.equal(list.headers.get('x-total-count'), '4')
    assert.deepEqual(list.body.map((r: any) => r.request_id), [requests[3], requests[2], requests[1], requests[0]])
    // finance does not see customers' emails in full
    assert.equal(list.body[0]._labels.customer_id, `c•••@${a.email.split('@')[1]}`)

    const summary = await agent.get(`/api/admin/usage-records/summary?${query}`)
    assert.equal(summary.status, 200, summary.text)
    assert.equal(summary.body.count, 4)
    for (const name of ['charged', 'cost', 'margin', 'cache_savings']) {
      assert.equal(summary.body.totals[name][0].amount, sumAmounts(list.body.map((r: any) => r[name])), name)
    }
    assert.deepEqual(summary.body.totals.input_tokens, [{ amount: '4000' }])
    assert.equal(summary.body.totals.charged[0].amount, '4.734600')
    assert.equal(summary.body.totals.margin[0].amount, '0.634595')

    const csv = await agent.get(`/api/admin/usage-records/export?${query}&_lang=en`)
    assert.equal(csv.status, 200, csv.text)
    const { rows } = csvObjects(csv.text)
    assert.lengthOf(rows, 4)
    const units = (column: string) => rows.reduce((sum, row) => sum + toUnits(row[column]), 0n).toString()
    assert.equal(units('Charged'), toUnits(summary.body.totals.charged[0].amount).toString())
    assert.equal(units('Margin'), toUnits(summary.body.totals.margin[0].amount).toString())

    const errors = await agent.get(`/api/admin/usage-records?${query}&status=error`)
    assert.deepEqual(errors.body.map((r: any) => r.request_id), [requests[2]])
  })

  test('a typed search is an exact request id or upstream request id', async ({ assert }) => {
    const { requests } = await seed()
    const { agent } = await staffAgent('support')
    const byRequest = await agent.get(`/api/admin/usage-records?q=${requests[4]}`)
    assert.equal(byRequest.status, 200, byRequest.text)
    assert.deepEqual(byRequest.body.map((r: any) => r.request_id), [requests[4]])
    const byUpstream = await agent.get('/api/admin/usage-records?q=up-LAST-MONTH')
    assert.deepEqual(byUpstream.body.map((r: any) => r.request_id), [requests[1]])
    const partial = await agent.get('/api/admin/usage-records?q=up-LAST')
    assert.equal(partial.headers.get('x-total-count'), '0')
  })

  test('usage grouped by model has the list totals; by customer is labelled; refused without usage-records:view', async ({ assert }) => {
    const { a, m1, m2 } = await seed()
    const { agent } = await staffAgent('operations')
    const query = `customer_id=${a.id}&${range(-3, 30)}`
    const grouped = await agent.get(`/api/admin/usage/grouped?by=model&${query}`)
    assert.equal(grouped.status, 200, grouped.text)
    const summary = await agent.get(`/api/admin/usage-records/summary?${query}`)
    for (const name of ['charged', 'cost', 'margin', 'cache_savings']) {
      assert.equal(grouped.body.totals[name], summary.body.totals[name][0].amount, name)
      assert.equal(sumAmounts(grouped.body.groups.map((g: any) => g[name])), grouped.body.totals[name], name)
    }
    assert.equal(grouped.body.totals.requests, 5)
    assert.equal(grouped.body.totals.input_tokens, '5000')
    // highest charge first
    assert.deepEqual(grouped.body.groups.map((g: any) => [g.key, g.requests, g.charged]), [
      [m2, 2, '3.500000'],
      [m1, 3, '1.234602'],
    ])

    const byCustomer = await agent.get(`/api/admin/usage/grouped?by=customer&${range(0, 2)}&model_id=${m1}`)
    assert.equal(byCustomer.status, 200, byCustomer.text)
    const row = byCustomer.body.groups.find((g: any) => g.key === a.id)
    assert.equal(row.label, a.email)
    assert.equal(row.charged, '0.000030')

    assert.equal((await agent.get(`/api/admin/usage/grouped?by=region`)).status, 400)
    assert.equal((await agent.get(`/api/admin/usage/grouped?by=model&colour=red`)).status, 400)

    await db.table('roles').insert({ name: 'no_usage', label: 'No usage', description: 'test', is_system: false })
    const outsider = await new Agent().loginStaff((await createStaff('no_usage')).email)
    assert.equal((await outsider.get(`/api/admin/usage/grouped?by=model`)).status, 403)
    assert.equal((await outsider.get(`/api/admin/usage-records`)).status, 403)
  })

  test('support hides a generation with a reason: audited, served no more, found by a prompt word', async ({ assert }) => {
    const customer = await createCustomer()
    const [generation] = await db
      .table('generations')
      .insert({ customer_id: customer.id, type: 'video', prompt: 'A red fox jumping over snowy hills', status: 'completed', credits: 2_000_000, output_urls: JSON.stringify(['https://cdn.test/v.mp4']) })
      .returning('*')
    const { agent, staff } = await staffAgent('support')
    const found = await agent.get('/api/admin/generations?q=snowy')
    assert.equal(found.status, 200, found.text)
    assert.include(found.body.map((r: any) => r.id), Number(generation.id))
    assert.equal(found.body.find((r: any) => r.id === Number(generation.id)).hidden, false)

    const path = `/api/admin/generations/${generation.id}/actions/hide`
    assert.equal((await agent.post(path, {})).status, 422)
    const hidden = await agent.post(path, { reason: 'Violates the content policy' })
    assert.equal(hidden.status, 200, hidden.text)
    const row = await db.from('generations').where('id', generation.id).first()
    assert.isNotNull(row.hidden_at)
    assert.equal(Number(row.hidden_by), staff.id)
    assert.equal(row.hidden_reason, 'Violates the content policy')
    const [log] = await auditRows({ resource: 'generations', action: 'hide', record_id: String(generation.id) })
    assert.equal(log.reason, 'Violates the content policy')
    assert.equal(Number(log.actor_id), staff.id)
    assert.equal((await agent.post(path, { reason: 'Once more please' })).status, 400)

    const visible = await agent.get(`/api/admin/generations?customer_id=${customer.id}&hidden=false`)
    assert.equal(visible.headers.get('x-total-count'), '0')
  })

  test('finance refunds the credits of a failed generation once; support may not', async ({ assert }) => {
    const customer = await createCustomer()
    const [generation] = await db
      .table('generations')
      .insert({ customer_id: customer.id, type: 'video', prompt: 'A lighthouse at dusk', status: 'failed', credits: 2_500_000 })
      .returning('*')
    const path = `/api/admin/generations/${generation.id}/actions/refund_credits`
    const { agent: support } = await staffAgent('support')
    assert.equal((await support.post(path, { reason: 'Customer asked for it' })).status, 403)

    const { agent } = await staffAgent('finance')
    const listed = await agent.get(`/api/admin/generations/${generation.id}`)
    assert.equal(listed.body.refundable, true)
    const refunded = await agent.post(path, { reason: 'Upstream failed the job' })
    assert.equal(refunded.status, 200, refunded.text)
    assert.equal(refunded.body.result.amount, '2.500000')
    assert.equal((await balances(customer.id)).cash, 2_500_000n)
    assert.equal(refunded.body.record.refundable, false)
    const [log] = await auditRows({ resource: 'generations', action: 'refund_credits', record_id: String(generation.id) })
    assert.equal(log.reason, 'Upstream failed the job')

    assert.equal((await agent.post(path, { reason: 'Upstream failed the job' })).status, 409)
    assert.equal((await balances(customer.id)).cash, 2_500_000n)
    await assertLedgerHolds(assert)
  })

  test('the holds list shows a held amount with its generation, totals it, and the generation is not refundable while held', async ({ assert }) => {
    const customer = await createCustomer()
    await fundCash(customer.id, '10')
    await runUseCase(createHold, {
      customerId: customer.id,
      amount: 3_000_000n,
      idempotencyKey: `test-hold-${Date.now()}`,
      expiresIn: 600,
      generation: { type: 'video', prompt: 'Waves on a pier' },
    })
    const { agent } = await staffAgent('finance')
    const list = await agent.get(`/api/admin/holds?customer_id=${customer.id}`)
    assert.equal(list.status, 200, list.text)
    assert.lengthOf(list.body, 1)
    const [hold] = list.body
    assert.deepInclude(hold, { amount: '3.000000', status: 'held', captured: null })
    const generation = await db.from('generations').where('hold_id', hold.id).first()
    assert.equal(hold.generation_id, Number(generation.id))
    assert.equal(hold._labels.generation_id, `#${generation.id}`)
    const summary = await agent.get(`/api/admin/holds/summary?customer_id=${customer.id}`)
    assert.deepEqual(summary.body.totals.amount, [{ currency: summary.body.totals.amount[0].currency, amount: '3.000000' }])
    assert.deepInclude(summary.body.tabs, { all: 1, held: 1 })
    assert.equal((await agent.get(`/api/admin/generations/${generation.id}`)).body.refundable, false)
    await assertLedgerHolds(assert)
  })

  test('the customer + 7-day page reads only its month partition through the customer index', async ({ assert, cleanup }) => {
    // Other customers' traffic in both months, committed and analysed, so the planner decides from
    // statistics of what it will read (not from whatever an autovacuum saw after earlier suites).
    const owner = db.connection('owner')
    const tag = `bulk-${Date.now()}-`
    for (const day of [-20, 19]) await owner.rawQuery('SELECT ensure_usage_partition((to_timestamp(?::double precision / 1000) + ? * interval \'1 day\')::date)', [monthStart(), day])
    await owner.rawQuery(
      `INSERT INTO usage_records (started_at, request_id, customer_id, model_id, price_version_id, multiplier, status, charged, margin)
       SELECT to_timestamp(?::double precision / 1000) + (i % 40 - 20) * interval '1 day', ? || i, 900000000 + i % 500, 1, 1, 1, 'success', 0, 0
       FROM generate_series(1, 20000) AS i`,
      [monthStart(), tag]
    )
    cleanup(async () => {
      await owner.rawQuery(`DELETE FROM usage_records WHERE request_id LIKE ? AND customer_id >= 900000000`, [`${tag}%`])
    })
    await owner.rawQuery('ANALYZE usage_records')
    const { a } = await seed()
    const resource = findResource('usage-records')!
    const explain = async (qs: Record<string, string>) => {
      const plan = parseListQuery(resource, qs)
      const { sql, bindings } = selectFields(applySort(filteredQuery(resource, plan), plan), resource).limit(20).toSQL()
      const explained = await db.rawQuery(`EXPLAIN (FORMAT JSON) ${sql}`, bindings as any[])
      const nodes: Array<Record<string, any>> = []
      const walk = (node: Record<string, any>) => {
        nodes.push(node)
        for (const child of node.Plans ?? []) walk(child)
      }
      walk(explained.rows[0]['QUERY PLAN'][0].Plan)
      return {
        relations: [...new Set(nodes.map((n) => n['Relation Name']).filter(Boolean))],
        indexes: nodes.map((n) => String(n['Index Name'] ?? '')).filter(Boolean),
      }
    }
    const week = await explain({ customer_id: String(a.id), started_at_gte: at(1).toISOString(), started_at_lte: at(8).toISOString() })
    assert.deepEqual(week.relations, [partitionOf(at(1))])
    assert.isTrue(week.indexes.some((name) => name.includes('customer_id')), week.indexes.join())
    // a typed request id is looked up through the two request-id indexes, not scanned for
    const search = await explain({ q: 'req-unknown' })
    assert.isTrue(search.indexes.some((name) => name.includes('upstream_request_id')), search.indexes.join())
    assert.isTrue(search.indexes.some((name) => /_request_id_idx$/.test(name) && !name.includes('upstream')), search.indexes.join())
  })
})
