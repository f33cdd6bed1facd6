/**
 * What resources declare for their lists (primary filters, quick tabs, totals, one-time action
 * results) is checked when declared and reaches the console through meta; computed `sql` fields
 * are selected, sorted, filtered and exported like columns and never written.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { defineResource, MAX_PRIMARY_FILTERS } from '#engine/define_resource'
import { allResources } from '#engine/registry'
import { applySort, parseListQuery } from '#engine/list_query'
import { filteredQuery, selectFields } from '#engine/list'
import { serializeRow } from '#engine/serialize'
import { validateInput } from '#engine/input'
import type { ResourceDef } from '#engine/types'
import { createCustomer } from '#tests/support/fixtures'
import { insertOrder, signIn } from './list_fixtures.js'

const label = { 'en': 'x', 'zh-CN': 'x' }

function declaration(overrides: Partial<ResourceDef>): ResourceDef {
  const fields: ResourceDef['fields'] = { id: { type: 'number', label, sortable: true, filter: ['eq'] } }
  for (let i = 0; i < 8; i++) fields[`f${i}`] = { type: 'string', label, filter: ['eq'] }
  fields.status = { type: 'enum', label, filter: ['eq', 'in'], options: [{ value: 'A', label }, { value: 'B', label }] }
  fields.note = { type: 'text', label }
  fields.amount = { type: 'money', label, currency: 'USD' }
  return { name: 'probe', label, group: 'system', table: 'probe', titleField: 'id', defaultSort: [{ field: 'id', order: 'asc' }], fields, ...overrides }
}

/** Customers with the number of their orders as a computed column. */
const withOrderCount: ResourceDef = {
  ...declaration({ table: 'customers', fields: {} }),
  fields: {
    id: { type: 'number', label, sortable: true, filter: ['eq', 'in'] },
    email: { type: 'string', label, searchable: true },
    orders: { type: 'number', label, list: true, sortable: true, filter: ['gte', 'lte', 'eq'], sql: 'select count(*) from orders o where o.customer_id = customers.id' },
  },
}

test.group('List declarations', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('more than six primary filters, or one that cannot filter, is refused when declared', ({ assert }) => {
    assert.equal(MAX_PRIMARY_FILTERS, 6)
    assert.doesNotThrow(() => defineResource(declaration({ primaryFilters: ['f0', 'f1', 'f2', 'f3', 'f4', 'f5'] })))
    assert.throws(() => defineResource(declaration({ primaryFilters: ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6'] })), /7 primary filters declared, 6 at most/)
    assert.throws(() => defineResource(declaration({ primaryFilters: ['note'] })), /not a filterable field/)
    assert.throws(() => defineResource(declaration({ quickTabs: { field: 'status', tabs: [{ key: 'c', label, values: ['C'] }] } })), /unknown one/)
    assert.throws(() => defineResource(declaration({ quickTabs: { field: 'note', tabs: [{ key: 'a', label, values: ['A'] }] } })), /cannot be filtered by value/)
    assert.throws(() => defineResource(declaration({ totals: ['note'] })), /not a money field/)
    assert.throws(() => defineResource(declaration({ fields: { ...declaration({}).fields, bad: { type: 'number', label, sql: 'select 1', edit: true } } })), /cannot be written/)
  })

  test('every resource declares at most six primary filters; meta carries filters, tabs and totals', async ({ assert }) => {
    for (const resource of allResources()) {
      assert.isAtMost(resource.primaryFilters?.length ?? 0, 6, resource.name)
    }
    const { agent } = await signIn('operations')
    const meta = await agent.get('/api/admin/meta')
    const byName = new Map(meta.body.resources.map((r: any) => [r.name, r]))
    const orders: any = byName.get('orders')
    assert.deepEqual(orders.primaryFilters, ['number', 'status', 'customer_id', 'created_at', 'channel', 'plan_id'])
    assert.deepEqual(orders.quickTabs.tabs.map((t: any) => t.key), ['pending', 'paid', 'refunding', 'refunded', 'closed'])
    assert.includeMembers(orders.totals, ['amount'])
    assert.equal(orders.fields.find((f: any) => f.name === 'amount').currencyField, 'currency')
    const codes: any = byName.get('redemption-codes')
    assert.deepEqual(codes.quickTabs.tabs.map((t: any) => t.key), ['active', 'redeemed', 'expired', 'voided'])
    const generate = codes.actions.find((a: any) => a.name === 'generate')
    assert.isTrue(generate.once)
    assert.equal(generate.resultTypes.amount.type, 'money')
    assert.notProperty(codes.actions.find((a: any) => a.name === 'void'), 'once')
    for (const name of ['orders', 'refunds', 'ledger-entries', 'ledger-transactions', 'accounts']) {
      assert.isAbove((byName.get(name) as any).totals.length, 0, name)
    }
  })

  test('a one-time result says so; an ordinary result does not', async ({ assert }) => {
    const { agent } = await signIn('operations')
    const generated = await agent.post('/api/admin/redemption-codes/actions/generate', { count: 1, amount: '1', bucket: 'cash' })
    assert.equal(generated.status, 200, generated.text)
    assert.isTrue(generated.body.once)
    assert.equal(generated.body.resultTypes.expires_at.type, 'datetime')

    const customer = await createCustomer()
    const order = await insertOrder(customer.id)
    const locked = await agent.post(`/api/admin/orders/${order.id}/actions/lock`, { reason: 'Probing the response' })
    assert.equal(locked.status, 200, locked.text)
    assert.notProperty(locked.body, 'once')
  })

  test('a computed sql field is selected, sorted and filtered like a column, and never written', async ({ assert }) => {
    const customers = await Promise.all([0, 1, 2].map(() => createCustomer()))
    for (const [i, customer] of customers.entries()) {
      for (let n = 0; n < i * 2; n++) await insertOrder(customer.id)
    }
    const ids = customers.map((c) => String(c.id))
    const read = async (qs: Record<string, unknown>) => {
      const plan = parseListQuery(withOrderCount, { id: ids, ...qs })
      const rows = await selectFields(applySort(filteredQuery(withOrderCount, plan), plan), withOrderCount)
      return rows.map((row: any) => serializeRow(withOrderCount, row, true))
    }
    const sorted = await read({ _sort: 'orders', _order: 'desc' })
    assert.deepEqual(sorted.map((r) => r.orders), [4, 2, 0])
    assert.deepEqual(sorted.map((r) => r.id), [customers[2].id, customers[1].id, customers[0].id])
    assert.deepEqual((await read({ orders_gte: '1', _sort: 'orders', _order: 'asc' })).map((r) => r.orders), [2, 4])
    assert.deepEqual((await read({ orders: '2' })).map((r) => r.id), [customers[1].id])
    // searching a number looks in the computed column too
    assert.throws(() => parseListQuery(withOrderCount, { orders_like: '1' }), /cannot be filtered/)
    await assert.rejects(() => validateInput(withOrderCount.fields, { orders: 3 }, 'edit', {}), /cannot be changed/)
    // nothing was written through the computed field
    assert.equal(Number((await db.from('orders').where('customer_id', customers[0].id).count('* as n').first()).n), 0)
  })
})
