/**
 * Search that does what a person types: a redemption code typed in full (it is stored hashed),
 * a customer's email, an order number; and every relation's target can be searched by its title,
 * which is how the console loads relation options as the operator types.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { allResources, findResource } from '#engine/registry'
import { createCustomer, createCustomers } from '#tests/support/fixtures'
import { insertOrder, signIn } from './list_fixtures.js'

const CODES = '/api/admin/redemption-codes'

test.group('Search', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a redemption code typed in full finds that code, however it is typed', async ({ assert }) => {
    const { agent } = await signIn('operations')
    const generated = await agent.post(`${CODES}/actions/generate`, { count: 3, amount: '5', bucket: 'gift', package: 'Search pack' })
    assert.equal(generated.status, 200, generated.text)
    const { codes, batch_id: batchId } = generated.body.result as { codes: string[]; batch_id: string }

    const support = await signIn('support')
    for (const typed of [codes[1], codes[1].toLowerCase(), ` ${codes[1].replace(/-/g, ' ')} `]) {
      const reply = await support.agent.get(`${CODES}?q=${encodeURIComponent(typed)}`)
      assert.equal(reply.status, 200, reply.text)
      assert.lengthOf(reply.body, 1, typed)
      assert.equal(reply.body[0].batch_id, batchId)
      assert.equal(reply.body[0].code.slice(-4), codes[1].slice(-4))
      assert.equal(reply.headers.get('x-total-count'), '1')
    }
    // other searchable fields still answer: the batch finds its three codes
    const batch = await support.agent.get(`${CODES}?q=${batchId}`)
    assert.lengthOf(batch.body, 3)
    // a well-formed code that was never issued finds nothing
    const prefix = codes[0].split('-')[0]
    const unknown = await support.agent.get(`${CODES}?q=${prefix}-ZZZZ-ZZZZ`)
    assert.lengthOf(unknown.body, 0)
  })

  test('an email finds the customer, an order number finds the order', async ({ assert }) => {
    await createCustomers(5, (i) => ({ email: `search.${i}@search.test`, nickname: `Searcher ${i}` }))
    const customer = await createCustomer({ email: 'needle.person@search.test' })
    const order = await insertOrder(customer.id)
    await insertOrder(customer.id)
    const { agent } = await signIn('operations')

    const users = await agent.get(`/api/admin/users?q=${encodeURIComponent('Needle.Person@search.test')}`)
    assert.equal(users.status, 200, users.text)
    assert.deepEqual(users.body.map((r: any) => r.id), [customer.id])

    const orders = await agent.get(`/api/admin/orders?q=${order.number}`)
    assert.deepEqual(orders.body.map((r: any) => r.id), [order.id])
    assert.equal(orders.body[0]._labels.customer_id, customer.email)
  })

  test('letters typed where only numbers are searched find nothing rather than everything', async ({ assert }) => {
    const { agent } = await signIn('finance')
    const reply = await agent.get('/api/admin/reconciliation-runs?q=abc')
    assert.equal(reply.status, 200, reply.text)
    assert.equal(reply.headers.get('x-total-count'), '0')
  })

  test('every relation target can be searched by the title the relation shows', async ({ assert }) => {
    const missing: string[] = []
    for (const resource of allResources()) {
      for (const [name, field] of Object.entries(resource.fields)) {
        if (!field.relation) continue
        const target = findResource(field.relation.resource)
        const title = target?.fields[field.relation.labelField]
        if (!target || !title?.searchable) missing.push(`${resource.name}.${name} → ${field.relation.resource}.${field.relation.labelField}`)
      }
    }
    assert.deepEqual(missing, [])
  })
})
