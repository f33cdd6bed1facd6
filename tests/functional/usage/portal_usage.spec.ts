/**
 * The portal's usage API (issue 10 §5): a customer reads only their own usage rows — in the
 * request list, the totals by day and by model, and the CSV export — whatever they filter on;
 * another customer's key id is a 404; the CSV holds exactly the filtered rows; bad filters are
 * 4xx, never a 500 and never silently ignored.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { customerAgent } from '#tests/support/agents'
import { csvObjects } from '#tests/support/csv'

let seq = 0
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`

async function model(code = `m-${uniq()}`, name = 'Test model') {
  const [row] = await db.table('usage_models').insert({ code, name, vendor: 'Acme', kind: 'text', billing_unit: 'per_1m_tokens' }).returning('*')
  return row
}

async function apiKey(customerId: number) {
  const prefix = uniq().slice(0, 12)
  const [row] = await db
    .table('api_keys')
    .insert({ customer_id: customerId, name: `key ${prefix}`, prefix, secret_hash: (prefix + '0'.repeat(64)).slice(0, 64) })
    .returning('*')
  return row
}

type UsageInput = { customerId: number; keyId?: number | null; modelId: number; at: DateTime; charged: bigint; status?: string; input?: number; output?: number }

async function usage(u: UsageInput) {
  const requestId = `req-${uniq()}`
  await db.table('usage_records').insert({
    started_at: u.at.toJSDate(),
    request_id: requestId,
    customer_id: u.customerId,
    api_key_id: u.keyId ?? null,
    model_id: u.modelId,
    price_version_id: 1,
    multiplier: '1',
    status: u.status ?? 'success',
    latency_ms: 120,
    input_tokens: u.input ?? 1000,
    output_tokens: u.output ?? 500,
    input_charge: u.charged,
    charged: u.charged,
    cost: 0n,
    margin: u.charged,
  })
  return requestId
}

/** Two customers with usage this month (UTC): A has 3 rows on two keys and two models, B has 2. */
async function twoCustomers() {
  const a = await customerAgent()
  const b = await customerAgent()
  const [m1, m2] = [await model(), await model()]
  const [keyA1, keyA2, keyB] = [await apiKey(a.customer.id), await apiKey(a.customer.id), await apiKey(b.customer.id)]
  const day = DateTime.utc().startOf('month').plus({ hours: 10 })
  const own = [
    await usage({ customerId: a.customer.id, keyId: keyA1.id, modelId: m1.id, at: day, charged: 1_500_000n }),
    await usage({ customerId: a.customer.id, keyId: keyA1.id, modelId: m2.id, at: day.plus({ minutes: 5 }), charged: 250_000n, status: 'error' }),
    await usage({ customerId: a.customer.id, keyId: keyA2.id, modelId: m1.id, at: day.plus({ days: 1 }), charged: 3n }),
  ]
  const theirs = [
    await usage({ customerId: b.customer.id, keyId: keyB.id, modelId: m1.id, at: day, charged: 9_000_000n }),
    await usage({ customerId: b.customer.id, keyId: keyB.id, modelId: m2.id, at: day.plus({ days: 1 }), charged: 7_000_000n }),
  ]
  return { a, b, m1, m2, keyA1, keyA2, keyB, day, own, theirs }
}

test.group('Portal usage / own rows only', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('the request list, its filters and its count are the caller’s own rows', async ({ assert }) => {
    const { a, m1, keyA1, own, theirs } = await twoCustomers()

    const all = await a.agent.get('/api/portal/usage')
    assert.equal(all.status, 200, all.text)
    assert.equal(all.headers.get('x-total-count'), '3')
    assert.deepEqual(all.body.map((r: any) => r.request_id), [own[2], own[1], own[0]])
    assert.deepInclude(all.body[2], { key_prefix: keyA1.prefix, model: m1.code, charged: '1.500000', status: 'success', input_tokens: 1000, output_tokens: 500 })
    assert.notProperty(all.body[2], 'cost')
    assert.notProperty(all.body[2], 'margin')

    const byModel = await a.agent.get(`/api/portal/usage?model=${m1.code}`)
    assert.deepEqual(byModel.body.map((r: any) => r.request_id).sort(), [own[0], own[2]].sort())
    const byKey = await a.agent.get(`/api/portal/usage?api_key_id=${keyA1.id}&status=error`)
    assert.deepEqual(byKey.body.map((r: any) => r.request_id), [own[1]])
    // another customer's request id, asked for by name, is not there
    const foreign = await a.agent.get(`/api/portal/usage?request_id=${theirs[0]}`)
    assert.equal(foreign.status, 200)
    assert.deepEqual([foreign.body, foreign.headers.get('x-total-count')], [[], '0'])
  })

  test('another customer’s key id is a 404 in the list, the summary and the export', async ({ assert }) => {
    const { a, keyB } = await twoCustomers()
    for (const path of ['/api/portal/usage', '/api/portal/usage/summary', '/api/portal/usage/export']) {
      const reply = await a.agent.get(`${path}?api_key_id=${keyB.id}`)
      assert.equal(reply.status, 404, `${path}: ${reply.text}`)
      assert.notInclude(reply.text, 'req-')
    }
  })

  test('the summary counts each of the caller’s days and models, and its totals equal the rows', async ({ assert }) => {
    const { a, m1, m2, day } = await twoCustomers()
    const reply = await a.agent.get('/api/portal/usage/summary')
    assert.equal(reply.status, 200, reply.text)
    const summary = reply.body
    assert.equal(summary.tz, 'UTC')
    assert.equal(summary.days.length, day.daysInMonth)
    assert.equal(summary.days[0].date, day.toISODate())
    assert.deepEqual(summary.days[0], { date: day.toISODate(), requests: 2, tokens: 3000, charged: '1.750000' })
    assert.deepEqual(summary.days[1], { date: day.plus({ days: 1 }).toISODate(), requests: 1, tokens: 1500, charged: '0.000003' })
    assert.deepEqual(summary.totals, { requests: 3, tokens: 4500, charged: '1.750003' })
    assert.deepEqual(
      summary.models.map((m: any) => [m.model, m.requests, m.charged]),
      [
        [m1.code, 2, '1.500003'],
        [m2.code, 1, '0.250000'],
      ]
    )

    // the same rows counted on the days of a zone 14 hours ahead: 10:00 UTC is 00:00 the next day there
    const ahead = await a.agent.get(`/api/portal/usage/summary?tz=Pacific/Kiritimati&from=${day.toISODate()}&to=${day.plus({ days: 2 }).toISODate()}`)
    assert.equal(ahead.status, 200, ahead.text)
    assert.deepEqual(
      ahead.body.days.map((d: any) => d.requests),
      [0, 2, 1]
    )
  })

  test('the CSV holds exactly the filtered own rows', async ({ assert }) => {
    const { a, m1, own } = await twoCustomers()
    const list = await a.agent.get(`/api/portal/usage?model=${m1.code}`)
    const csv = await a.agent.get(`/api/portal/usage/export?model=${m1.code}&_lang=zh-CN`)
    assert.equal(csv.status, 200, csv.text)
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/)
    const { rows } = csvObjects(csv.text.replace(/^\uFEFF/, ''))
    assert.equal(rows.length, Number(list.headers.get('x-total-count')))
    assert.sameMembers(
      rows.map((r) => r['请求 ID']),
      [own[0], own[2]]
    )
    assert.sameMembers(
      rows.map((r) => r['扣费']),
      ['1.500000', '0.000003']
    )

    const { rows: everything } = csvObjects((await a.agent.get('/api/portal/usage/export')).text.replace(/^\uFEFF/, ''))
    assert.sameMembers(
      everything.map((r) => r['Request ID']),
      own
    )
  })

  test('bad filters are refused with a 4xx, never ignored', async ({ assert }) => {
    const { a, b } = await twoCustomers()
    const cases: Array<[string, number]> = [
      [`/api/portal/usage?customer_id=${b.customer.id}`, 400],
      ['/api/portal/usage?cost_gte=1', 400],
      ['/api/portal/usage?started_at_gte=yesterday', 400],
      ['/api/portal/usage?status=paid', 400],
      ['/api/portal/usage?api_key_id=abc', 400],
      ['/api/portal/usage?_sort=cost', 400],
      [`/api/portal/usage/export?customer_id=${b.customer.id}`, 400],
      ['/api/portal/usage/summary?from=2026-13-01', 422],
      ['/api/portal/usage/summary?tz=Mars/Olympus', 422],
      ['/api/portal/usage/summary?from=2024-01-01&to=2026-01-01', 422],
      ['/api/portal/usage/summary?from=2026-02-01&to=2026-01-01', 422],
      ['/api/portal/usage/summary?customer_id=1', 400],
    ]
    for (const [path, status] of cases) {
      const reply = await a.agent.get(path)
      assert.equal(reply.status, status, `${path}: ${reply.text}`)
      assert.isString(reply.body.message)
    }
  })
})
