/**
 * The customer page's money: the balances header (cash, gift, on hold, arrears), the users list's
 * balance columns (sortable, range filter), and operations granting a voucher — once per
 * submission (Idempotency-Key), audited in the same transaction, in the ledger with its sign.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import { Agent } from '#tests/support/agent'
import { committedCustomers, createCustomer } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, fundCash, fundGift, units } from '#tests/support/ledger'
import { customerSign } from '#contract/ledger_types'
import { post } from '#services/ledger/post'
import { arrearsAccount, customerAccount, systemAccount } from '#services/ledger/accounts'
import { SYSTEM_ACTOR } from '#services/audit'
import { staffAgent } from '#tests/support/agents'

/** A refund hold of `amount` out of the customer's cash (what approving a refund posts first). */
async function holdForRefund(customerId: number, amount: string) {
  return db.transaction((trx) =>
    post(trx, { type: 'refund_hold', idempotencyKey: `test-hold:${randomUUID()}`, request: {}, actor: SYSTEM_ACTOR, customerId, amount: units(amount) }, async () => [
      { accountId: await customerAccount(trx, customerId, 'cash'), amount: -units(amount) },
      { accountId: await systemAccount(trx, 'refund_pending'), amount: units(amount) },
    ])
  )
}

/** Money the provider took back after it was spent: the customer owes `amount`. */
async function owe(customerId: number, amount: string) {
  return db.transaction((trx) =>
    post(trx, { type: 'provider_refund', idempotencyKey: `test-owe:${randomUUID()}`, request: {}, actor: SYSTEM_ACTOR, customerId, amount: units(amount) }, async () => [
      { accountId: await arrearsAccount(trx, customerId), amount: -units(amount) },
      { accountId: await systemAccount(trx, 'payment_clearing'), amount: units(amount) },
    ])
  )
}

const grant = (agent: Agent, customerId: number, body: Record<string, unknown>, key?: string) =>
  agent.post(`/api/admin/users/${customerId}/actions/grant_voucher`, body, key ? { 'idempotency-key': key } : {})

test.group('Customers / balances', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('GET /users/:id/balances answers cash, gift, on hold and arrears as decimal strings', async ({ assert }) => {
    const customer = await createCustomer()
    const { agent } = await staffAgent('support')
    const empty = await agent.get(`/api/admin/users/${customer.id}/balances`)
    assert.equal(empty.status, 200, empty.text)
    assert.deepEqual(empty.body, { currency: 'USD', cash: '0.000000', gift: '0.000000', onHold: '0.000000', arrears: '0.000000' })

    await fundCash(customer.id, '100')
    await fundGift(customer.id, '7.5')
    await holdForRefund(customer.id, '40')
    await owe(customer.id, '3.25')
    const reply = await agent.get(`/api/admin/users/${customer.id}/balances`)
    assert.deepEqual(reply.body, { currency: 'USD', cash: '60.000000', gift: '7.500000', onHold: '40.000000', arrears: '3.250000' })

    assert.equal((await agent.get('/api/admin/users/99999999/balances')).status, 404)
    assert.equal((await agent.get('/api/admin/users/abc/balances')).status, 400)
    await assertLedgerHolds(assert)
  })

  test('balances need users:view; anonymous callers are refused', async ({ assert }) => {
    const customer = await createCustomer()
    assert.equal((await new Agent().get(`/api/admin/users/${customer.id}/balances`)).status, 401)
    const { agent } = await staffAgent('finance')
    assert.equal((await agent.get(`/api/admin/users/${customer.id}/balances`)).status, 200)
  })

  test('the users list shows cash and gift balances, sorts by them and filters a balance range', async ({ assert }) => {
    const tag = `bal-${randomUUID().slice(0, 8)}`
    const poor = await createCustomer({ tags: [tag] })
    const rich = await createCustomer({ tags: [tag] })
    const middle = await createCustomer({ tags: [tag] })
    await fundCash(rich.id, '500')
    await fundCash(middle.id, '50')
    await fundGift(poor.id, '9')
    const { agent } = await staffAgent('operations')

    const sorted = await agent.get(`/api/admin/users?tags=${tag}&_sort=cash_balance&_order=desc&_start=0&_end=10`)
    assert.equal(sorted.status, 200, sorted.text)
    assert.deepEqual(sorted.body.map((r: any) => r.id), [rich.id, middle.id, poor.id])
    assert.deepEqual(sorted.body.map((r: any) => r.cash_balance), ['500.000000', '50.000000', '0.000000'])
    assert.equal(sorted.body[2].gift_balance, '9.000000')

    const range = await agent.get(`/api/admin/users?tags=${tag}&cash_balance_gte=10&cash_balance_lte=100&_start=0&_end=10`)
    assert.equal(range.status, 200, range.text)
    assert.deepEqual(range.body.map((r: any) => r.id), [middle.id])
    assert.equal(range.headers.get('x-total-count'), '1')

    const gift = await agent.get(`/api/admin/users?tags=${tag}&gift_balance_gte=1&_start=0&_end=10`)
    assert.deepEqual(gift.body.map((r: any) => r.id), [poor.id])
  })
})

test.group('Customers / grant voucher', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('operations grant a voucher: gift lot with its expiry, + in the ledger, audited in the same transaction', async ({ assert }) => {
    const customer = await createCustomer()
    const { agent, staff } = await staffAgent('operations')
    const reply = await grant(agent, customer.id, { amount: '12.5', valid_days: 30, reason: 'Apology for the outage' }, randomUUID())
    assert.equal(reply.status, 200, reply.text)
    assert.notOk(reply.body.once, 'a voucher grant is not a one-time secret')
    assert.equal(reply.body.resultTypes.amount.type, 'money')
    assert.equal(reply.body.resultTypes.expires_at.type, 'datetime')

    const transactionId = reply.body.result.transaction_id
    const tx = await db.from('ledger_transactions').where('id', transactionId).first()
    assert.equal(tx.type, 'voucher_grant')
    assert.equal(Number(tx.customer_id), customer.id)
    assert.equal(tx.memo, 'Apology for the outage')
    assert.equal(customerSign(tx.type, String(tx.amount)), 1)
    assert.equal((await balances(customer.id)).gift, units('12.5'))

    const lot = await db.from('gift_lots').where('transaction_id', transactionId).first()
    const days = (new Date(lot.expires_at).getTime() - Date.now()) / 86_400_000
    assert.isAbove(days, 30)
    assert.isBelow(days, 31)

    const [row] = await db.from('audit_logs').where({ action: 'grant_voucher', resource: 'users', record_id: String(customer.id) })
    assert.equal(Number(row.actor_id), staff.id)
    assert.equal(row.reason, 'Apology for the outage')
    assert.equal(row.metadata.transactionId, transactionId)
    // the customer's ledger tab lists it
    const ledger = await agent.get(`/api/admin/ledger-transactions?customer_id=${customer.id}`)
    assert.deepEqual(ledger.body.map((r: any) => [r.type, r.amount]), [['voucher_grant', '12.500000']])
    await assertLedgerHolds(assert)
  })

  test('a double click grants once: the same Idempotency-Key replays, another payload under it is a 409', async ({ assert }) => {
    const customer = await createCustomer()
    const { agent } = await staffAgent('operations')
    const key = randomUUID()
    const body = { amount: '5', expires_at: new Date(Date.now() + 7 * 86_400_000).toISOString(), reason: 'Goodwill' }
    const first = await grant(agent, customer.id, body, key)
    const second = await grant(agent, customer.id, body, key)
    assert.equal(first.status, 200, first.text)
    assert.equal(second.status, 200, second.text)
    assert.equal(second.body.result.transaction_id, first.body.result.transaction_id)
    assert.include(second.body.message, 'Already granted')
    assert.equal((await balances(customer.id)).gift, units('5'))

    const other = await grant(agent, customer.id, { ...body, amount: '6' }, key)
    assert.equal(other.status, 409, other.text)
    assert.equal((await balances(customer.id)).gift, units('5'))

    // another submission (another key) is another grant
    assert.equal((await grant(agent, customer.id, body, randomUUID())).status, 200)
    assert.equal((await balances(customer.id)).gift, units('10'))
    await assertLedgerHolds(assert)
  })

  test('bad input is a 422 naming the field, nothing granted; finance and support may not grant', async ({ assert }) => {
    const customer = await createCustomer()
    const { agent } = await staffAgent('operations')
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amount: '0', valid_days: 30, reason: 'x'.repeat(5) }, 'amount'],
      [{ amount: '-5', valid_days: 30, reason: 'xxxxx' }, 'amount'],
      [{ amount: '1.0000001', valid_days: 30, reason: 'xxxxx' }, 'amount'],
      [{ amount: '1e3', valid_days: 30, reason: 'xxxxx' }, 'amount'],
      [{ amount: '99999999999', valid_days: 30, reason: 'xxxxx' }, 'amount'],
      [{ amount: '5', reason: 'xxxxx' }, 'valid_days'],
      [{ amount: '5', valid_days: 0, reason: 'xxxxx' }, 'valid_days'],
      [{ amount: '5', expires_at: '2001-01-01T00:00:00Z', reason: 'xxxxx' }, 'expires_at'],
      [{ amount: '5', valid_days: 30 }, 'reason'],
    ]
    for (const [body, field] of cases) {
      const reply = await grant(agent, customer.id, body, randomUUID())
      assert.equal(reply.status, 422, `${JSON.stringify(body)}: ${reply.text}`)
      assert.equal(reply.body.errors[0].field, field, JSON.stringify(body))
    }
    for (const role of ['finance', 'support']) {
      const { agent: other } = await staffAgent(role)
      assert.equal((await grant(other, customer.id, { amount: '5', valid_days: 30, reason: 'xxxxx' })).status, 403, role)
    }
    assert.equal((await balances(customer.id)).gift, 0n)
    await assertLedgerHolds(assert)
  })
})

test.group('Customers / grant voucher under concurrency (committed rows)', (group) => {
  const committed = committedCustomers()
  group.teardown(() => committed.removeCommitted())

  test('ten simultaneous submissions of one dialog (one Idempotency-Key) grant once and all answer alike', async ({ assert }) => {
    const customer = await committed.create()
    const { agent } = await staffAgent('operations')
    const key = randomUUID()
    const replies = await Promise.all(Array.from({ length: 10 }, () => grant(agent, customer.id, { amount: '3', valid_days: 10, reason: 'Double click' }, key)))
    assert.deepEqual([...new Set(replies.map((r) => r.status))], [200], replies.map((r) => r.text).join('\n'))
    assert.lengthOf(new Set(replies.map((r) => r.body.result.transaction_id)), 1)
    assert.lengthOf(await db.from('ledger_transactions').where({ type: 'voucher_grant', customer_id: customer.id }), 1)
    assert.equal((await balances(customer.id)).gift, units('3'))
    await assertLedgerHolds(assert)
  })
})
