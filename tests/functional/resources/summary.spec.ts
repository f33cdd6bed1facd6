/**
 * GET /api/admin/<resource>/summary: the count, quick-tab counts and money totals above a list,
 * for the list's own filters and search, under the list's permission and validation.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createCustomer } from '#tests/support/fixtures'
import { insertOrder, signIn } from './list_fixtures.js'

const SUMMARY = '/api/admin/orders/summary'

/** One customer's orders: 3 USD (10.00 pending, 25.00 paid, 5.00 refunded), 7.00 EUR paid, 3.00 GBP cancelled. */
async function seedOrders() {
  const customer = await createCustomer()
  const other = await createCustomer()
  await insertOrder(customer.id, { status: 'PENDING', amount: 1000 })
  const paid = await insertOrder(customer.id, { status: 'PAID', amount: 2500, grant_amount: 25_000_000 })
  await insertOrder(customer.id, { status: 'PAID', amount: 700, currency: 'EUR' })
  await insertOrder(customer.id, { status: 'REFUNDED', amount: 500, refunded_amount: 500 })
  await insertOrder(customer.id, { status: 'CANCELLED', amount: 300, currency: 'GBP' })
  await insertOrder(other.id, { status: 'PAID', amount: 99_900 })
  return { customer, paid }
}

test.group('List summary', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('counts, tab counts and per-currency totals of the filtered rows', async ({ assert }) => {
    const { customer } = await seedOrders()
    const { agent } = await signIn('finance')
    const reply = await agent.get(`${SUMMARY}?customer_id=${customer.id}`)
    assert.equal(reply.status, 200, reply.text)
    assert.equal(reply.body.count, 5)
    assert.isFalse(reply.body.estimated)
    assert.deepEqual(reply.body.tabs, { all: 5, pending: 1, paid: 2, refunding: 0, refunded: 1, closed: 1 })
    assert.deepEqual(reply.body.totals.amount, [
      { currency: 'EUR', amount: '7.00' },
      { currency: 'GBP', amount: '3.00' },
      { currency: 'USD', amount: '40.00' },
    ])
    assert.deepEqual(reply.body.totals.refunded_amount, [
      { currency: 'EUR', amount: '0.00' },
      { currency: 'GBP', amount: '0.00' },
      { currency: 'USD', amount: '5.00' },
    ])
    // the ledger asset is one currency: 10 + 25 + 10 + 10 + 10 credits granted
    assert.lengthOf(reply.body.totals.grant_amount, 1)
    assert.equal(reply.body.totals.grant_amount[0].amount, '65.000000')

    // the count is the list's X-Total-Count
    const list = await agent.get(`/api/admin/orders?customer_id=${customer.id}`)
    assert.equal(list.headers.get('x-total-count'), '5')
  })

  test('a tab filter narrows count and totals, while tab counts ignore it and follow every other filter', async ({ assert }) => {
    const { customer } = await seedOrders()
    const { agent } = await signIn('operations')
    const paid = await agent.get(`${SUMMARY}?customer_id=${customer.id}&status=PAID`)
    assert.equal(paid.status, 200, paid.text)
    assert.equal(paid.body.count, 2)
    assert.deepEqual(paid.body.tabs, { all: 5, pending: 1, paid: 2, refunding: 0, refunded: 1, closed: 1 })
    assert.deepEqual(paid.body.totals.amount, [
      { currency: 'EUR', amount: '7.00' },
      { currency: 'USD', amount: '25.00' },
    ])
    // a tab of two statuses is sent as repeated values (IN)
    const refunded = await agent.get(`${SUMMARY}?customer_id=${customer.id}&status=PARTIALLY_REFUNDED&status=REFUNDED`)
    assert.equal(refunded.body.count, 1)

    const usd = await agent.get(`${SUMMARY}?customer_id=${customer.id}&currency=USD`)
    assert.equal(usd.body.count, 3)
    assert.deepEqual(usd.body.tabs, { all: 3, pending: 1, paid: 1, refunding: 0, refunded: 1, closed: 0 })
    assert.deepEqual(usd.body.totals.amount, [{ currency: 'USD', amount: '40.00' }])
  })

  test('the search narrows the summary like the list', async ({ assert }) => {
    const { customer, paid } = await seedOrders()
    const { agent } = await signIn('operations')
    const reply = await agent.get(`${SUMMARY}?customer_id=${customer.id}&q=${paid.number}`)
    assert.equal(reply.body.count, 1)
    assert.deepEqual(reply.body.totals.amount, [{ currency: 'USD', amount: '25.00' }])
    assert.equal(reply.body.tabs.paid, 1)
    assert.equal(reply.body.tabs.all, 1)
  })

  test('no rows: zero counts and empty totals', async ({ assert }) => {
    const customer = await createCustomer()
    const { agent } = await signIn('operations')
    const reply = await agent.get(`${SUMMARY}?customer_id=${customer.id}`)
    assert.deepEqual(reply.body, {
      count: 0,
      estimated: false,
      tabs: { all: 0, pending: 0, paid: 0, refunding: 0, refunded: 0, closed: 0 },
      totals: { amount: [], grant_amount: [], refunded_amount: [] },
    })
  })

  test('a resource without tabs or totals answers the count alone', async ({ assert }) => {
    const { agent } = await signIn('super_admin')
    const reply = await agent.get('/api/admin/roles/summary?name=operations')
    assert.deepEqual(reply.body, { count: 1, estimated: false })
  })

  test('the list permission and the list validation apply', async ({ assert }) => {
    const { agent } = await signIn('operations')
    // operations may not view payment events
    const refused = await agent.get('/api/admin/payment-events/summary')
    assert.equal(refused.status, 403)
    for (const query of ['status=SHIPPED', 'nope=1', 'amount_gte=ten', 'q[a]=x', 'created_at_gte=soon']) {
      const reply = await agent.get(`${SUMMARY}?${query}`)
      assert.equal(reply.status, 400, query)
      assert.isString(reply.body.message)
    }
    // finance sees customers' emails masked: filtering on one is refused as in the list
    const finance = await signIn('finance')
    const masked = await finance.agent.get('/api/admin/users/summary?email=someone@example.test')
    assert.equal(masked.status, 403)
  })
})
