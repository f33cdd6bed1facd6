/**
 * Relation labels: list, show and getMany rows carry `_labels` for their relation fields (actors
 * included), read with one query per target whatever the page size; audit rows label their actor
 * and record; CSV exports write the label with the id in its own column, enum labels in the
 * requested language and times in the requested zone.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createCustomer } from '#tests/support/fixtures'
import { csvObjects } from '#tests/support/csv'
import { countQueries, insertOrder, signIn } from './list_fixtures.js'

const ORDERS = '/api/admin/orders'

test.group('Relation labels', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('list, show and getMany rows label the customer and the staff who acted', async ({ assert }) => {
    const customer = await createCustomer()
    const { staff, agent } = await signIn('operations')
    const order = await insertOrder(customer.id, { operator_id: staff.id, created_by: staff.id })

    const list = await agent.get(`${ORDERS}?customer_id=${customer.id}`)
    assert.equal(list.status, 200, list.text)
    assert.equal(list.body[0].customer_id, customer.id)
    assert.equal(list.body[0]._labels.customer_id, customer.email)
    assert.equal(list.body[0]._labels.operator_id, staff.email)
    assert.equal(list.body[0]._labels.created_by, staff.email)
    assert.isNull(list.body[0]._labels.confirmed_by)

    const show = await agent.get(`${ORDERS}/${order.id}`)
    assert.deepEqual(show.body._labels, list.body[0]._labels)

    const other = await insertOrder(customer.id)
    const many = await agent.get(`${ORDERS}?id=${order.id}&id=${other.id}`)
    assert.lengthOf(many.body, 2)
    for (const row of many.body) assert.equal(row._labels.customer_id, customer.email)
  })

  test('labels are read with one query per target, however many rows the page has', async ({ assert }) => {
    const { staff, agent } = await signIn('operations')
    const customers = await Promise.all(Array.from({ length: 3 }, () => createCustomer()))
    const small = customers[0]
    await insertOrder(small.id, { operator_id: staff.id })
    await insertOrder(small.id, { operator_id: staff.id })
    const big = await createCustomer()
    for (let i = 0; i < 30; i++) await insertOrder(i % 2 ? big.id : customers[1 + (i % 2)].id, { operator_id: staff.id, created_by: staff.id })

    const fewUrl = `${ORDERS}?customer_id=${small.id}`
    const manyUrl = `${ORDERS}?customer_id=${big.id}&customer_id=${customers[1].id}&customer_id=${customers[2].id}&_end=50`
    // the per-process caches are filled once, before counting
    assert.equal((await agent.get(manyUrl)).status, 200)
    // Request bookkeeping that depends on the clock, never on the page: the role cache reloads
    // every few seconds, last_seen_at and the session expiry move at most once a minute, and the
    // session store sweeps expired rows now and then. Left out, so the counts below are the page's.
    const BOOKKEEPING = /\b(from|update|into) "(roles|role_permissions|sessions|auth_sessions)"/
    const pageQueries = async (url: string) => (await countQueries(() => agent.get(url))).filter((sql) => !BOOKKEEPING.test(sql))
    const few = await pageQueries(fewUrl)
    const many = await pageQueries(manyUrl)
    assert.isAbove(few.length, 0, 'queries are observed')
    // label look-ups: `select "id", … as "label" from "<target>" where "id" in (…)`
    const lookups = (seen: string[], table: string) => seen.filter((sql) => sql.includes(`from "${table}" where "id" in`)).length
    for (const table of ['customers', 'staff']) {
      assert.equal(lookups(few, table), 1, `${table}, 2 rows:\n${few.join('\n')}`)
      assert.equal(lookups(many, table), 1, `${table}, 30 rows:\n${many.join('\n')}`)
    }
    // and nothing else grows with the page: every other query is the same in number
    assert.equal(many.length, few.length, `2 rows: ${few.length} queries, 30 rows: ${many.length}`)
  })

  test('a title the caller sees masked on its own resource is masked in the label', async ({ assert }) => {
    const customer = await createCustomer({ email: 'masked.label@example.test' })
    await insertOrder(customer.id)
    const { agent } = await signIn('finance')
    const list = await agent.get(`${ORDERS}?customer_id=${customer.id}`)
    assert.equal(list.body[0]._labels.customer_id, 'm•••@example.test')
    assert.notInclude(list.text, 'masked.label@')
  })

  test('audit rows label their actor and their record, and the record history keeps its shape', async ({ assert }) => {
    const customer = await createCustomer()
    const { staff, agent } = await signIn('operations')
    const order = await insertOrder(customer.id)
    const locked = await agent.post(`${ORDERS}/${order.id}/actions/lock`, { reason: 'Checking a duplicate payment' })
    assert.equal(locked.status, 200, locked.text)

    const auditor = await signIn('auditor')
    // what the console's record history asks for
    const history = await auditor.agent.get(`/api/admin/audit-logs?resource=orders&record_id=${order.id}&_sort=id&_order=desc&_start=0&_end=50`)
    assert.equal(history.status, 200, history.text)
    const entry = history.body.find((r: any) => r.action === 'lock')
    assert.exists(entry)
    assert.equal(entry.actor_label, staff.email)
    assert.equal(entry._labels.actor_id, staff.email)
    assert.equal(entry._labels.record_id, order.number)
    assert.isObject(entry.changes)
  })

  test('CSV: a relation is its label with the id beside it, enums and times are written for people', async ({ assert }) => {
    const customer = await createCustomer()
    const { staff } = await signIn('operations')
    await insertOrder(customer.id, { status: 'PAID', amount: 2550, operator_id: staff.id, created_at: new Date('2026-03-01T16:30:05Z'), paid_at: new Date('2026-03-01T16:31:00Z') })
    const { agent } = await signIn('super_admin')

    const en = await agent.get(`${ORDERS}/export?customer_id=${customer.id}&_tz=Asia/Shanghai`)
    assert.equal(en.status, 200, en.text)
    const { header, rows } = csvObjects(en.text)
    const [row] = rows
    assert.include(header, 'Customer')
    assert.equal(header[header.indexOf('Customer') + 1], 'Customer ID')
    assert.equal(row['Customer'], customer.email)
    assert.equal(row['Customer ID'], String(customer.id))
    assert.equal(row['Operator'], staff.email)
    assert.equal(row['Operator ID'], String(staff.id))
    assert.equal(row['Status'], 'Paid')
    assert.equal(row['Payment method'], 'Bank transfer')
    assert.equal(row['Created'], '2026-03-02 00:30:05')
    // numbers stay numbers
    assert.equal(row['Amount'], '25.50')

    const zh = await agent.get(`${ORDERS}/export?customer_id=${customer.id}&_lang=zh-CN`)
    const chinese = csvObjects(zh.text)
    assert.include(chinese.header, '用户')
    assert.include(chinese.header, '用户 ID')
    assert.equal(chinese.rows[0]['状态'], '成功')
    assert.equal(chinese.rows[0]['创建时间'], '2026-03-01 16:30:05')

    for (const query of ['_tz=Mars/Olympus', '_lang=fr', '_tz=a%00b']) {
      const bad = await agent.get(`${ORDERS}/export?${query}`)
      assert.equal(bad.status, 400, query)
    }
  })

  test('a customer deleted or never there labels as null; audit rows of unknown resources too', async ({ assert }) => {
    const [row] = await db.table('audit_logs').insert({ actor_type: 'system', action: 'fixture', resource: 'no-such-resource', record_id: '5' }).returning('*')
    const { agent } = await signIn('auditor')
    const reply = await agent.get(`/api/admin/audit-logs?id=${row.id}`)
    assert.equal(reply.status, 200, reply.text)
    assert.deepEqual(reply.body[0]._labels, { actor_id: null, record_id: null })
  })
})
