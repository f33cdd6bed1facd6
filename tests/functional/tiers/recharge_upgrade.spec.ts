/**
 * A paid recharge that reaches a tier threshold upgrades the customer in the credit's transaction:
 * exactly at the threshold counts, one unit below does not; two concurrent recharges that together
 * cross it upgrade once and lose no increment; a replayed credit counts nothing; the portal's
 * account payload shows the tier, its limits and what the next tier needs.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR } from '#services/audit'
import { creditOrder } from '#services/orders/credit_order'
import { transaction } from '#services/transaction'
import { createCustomer, committedCustomers } from '#tests/support/fixtures'
import { createOrder, creditedOrder } from '#tests/support/factories'
import { customerAgent } from '#tests/support/agents'
import { assertLedgerHolds } from '#tests/support/ledger'

const tierRow = (code: string) => db.from('tiers').where('code', code).first()
const customerRow = (id: number) => db.from('customers').where('id', id).first()

test.group('Tiers / recharge upgrades', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('one unit below the threshold stays; the unit that reaches it upgrades, with history, audit, notification and the new limits', async ({ assert }) => {
    const basic = await tierRow('basic')
    const free = await tierRow('free')
    const threshold = BigInt(basic.recharge_from)
    const customer = await createCustomer()
    assert.include(await customerRow(customer.id), { tier: 'free', tier_source: 'computed', rpm_limit: free.rpm, tpm_limit: free.tpm })

    await creditedOrder(customer.id, { grant_amount: (threshold - 1n).toString() })
    let row = await customerRow(customer.id)
    assert.equal(row.recharged_total, (threshold - 1n).toString())
    assert.equal(row.tier, 'free')
    assert.equal(Number((await db.from('tier_history').where('customer_id', customer.id).count('* as n').first()).n), 0)

    const order = await creditedOrder(customer.id, { grant_amount: '1' })
    row = await customerRow(customer.id)
    assert.include(row, { recharged_total: threshold.toString(), tier: 'basic', computed_tier: 'basic', tier_source: 'computed', rpm_limit: basic.rpm, tpm_limit: basic.tpm })
    const history = await db.from('tier_history').where('customer_id', customer.id)
    assert.lengthOf(history, 1)
    assert.include(history[0], { from_tier: 'free', to_tier: 'basic', source: 'computed', cause: 'recharge', rpm_limit: basic.rpm, tpm_limit: basic.tpm, recharged_total: threshold.toString() })
    assert.include(history[0].reason, order.number)
    const audit = await db.from('audit_logs').where({ action: 'tier.change', resource: 'users', record_id: String(customer.id) })
    assert.lengthOf(audit, 1)
    assert.deepEqual(audit[0].changes.after, { tier: 'basic', tier_source: 'computed', rpm_limit: basic.rpm, tpm_limit: basic.tpm })
    const notes = await db.from('notifications').where('customer_id', customer.id)
    assert.lengthOf(notes, 1)
    assert.equal(notes[0].kind, 'tier_upgraded')
    assert.equal(notes[0].title.en, 'Your account is now Basic')
    await assertLedgerHolds(assert)
  })

  test('exactly at a threshold in one recharge; a replayed credit counts nothing', async ({ assert }) => {
    const pro = await tierRow('pro')
    const customer = await createCustomer()
    const order = await createOrder(customer.id, { status: 'PAID', grant_amount: pro.recharge_from })
    await db.transaction((trx) => creditOrder(trx, order, SYSTEM_ACTOR))
    const replay = await db.transaction((trx) => creditOrder(trx, order, SYSTEM_ACTOR))
    assert.isTrue(replay.posted.replayed)
    assert.include(await customerRow(customer.id), { tier: 'pro', recharged_total: String(pro.recharge_from), rpm_limit: pro.rpm })
    assert.equal(Number((await db.from('tier_history').where('customer_id', customer.id).count('* as n').first()).n), 1)
  })

  test('an organisation with negotiated terms keeps them; its recharges still count', async ({ assert }) => {
    const customer = await createCustomer({ type: 'organization' })
    await db.from('customers').where('id', customer.id).update({ negotiated_tier: 'enterprise', tier_source: 'negotiated', tier: 'enterprise', unlimited_tpm: true, tpm_limit: null })
    const basic = await tierRow('basic')
    await creditedOrder(customer.id, { grant_amount: basic.recharge_from })
    assert.include(await customerRow(customer.id), { tier: 'enterprise', tier_source: 'negotiated', computed_tier: 'basic', tpm_limit: null, recharged_total: String(basic.recharge_from) })
  })

  test('the portal account payload: tier, source, limits, max keys and what the next tier needs', async ({ assert }) => {
    const basic = await tierRow('basic')
    const free = await tierRow('free')
    const { customer, agent } = await customerAgent()
    await creditedOrder(customer.id, { grant_amount: '30000000' })
    const me = await agent.get('/api/portal/auth/me')
    assert.equal(me.status, 200, me.text)
    assert.equal(me.body.user.tier, 'free')
    assert.deepEqual(me.body.tier, {
      code: 'free',
      name: { 'en': free.name, 'zh-CN': free.name_zh },
      source: 'computed',
      rpm: free.rpm,
      tpm: Number(free.tpm),
      max_keys: free.max_keys,
      recharged_total: '30.000000',
      override_until: null,
      next: { code: 'basic', name: { 'en': basic.name, 'zh-CN': basic.name_zh }, recharge_needed: ((Number(basic.recharge_from) - 30_000_000) / 1e6).toFixed(6) },
    })
  })
})

test.group('Tiers / concurrent recharges', (group) => {
  const customers = committedCustomers()
  group.each.teardown(() => customers.removeCommitted())

  test('two concurrent recharges that together cross the threshold upgrade once; the total is exact', async ({ assert }) => {
    const basic = await tierRow('basic')
    const threshold = BigInt(basic.recharge_from)
    const customer = await customers.create()
    const half = threshold / 2n + 1n
    const orders = [await createOrder(customer.id, { status: 'PAID', grant_amount: half.toString() }), await createOrder(customer.id, { status: 'PAID', grant_amount: (half + 7n).toString() })]
    await Promise.all(orders.map((order) => transaction((trx) => creditOrder(trx, order, SYSTEM_ACTOR))))
    const row = await customerRow(customer.id)
    assert.equal(row.recharged_total, (half * 2n + 7n).toString())
    assert.equal(row.tier, 'basic')
    assert.equal(row.rpm_limit, basic.rpm)
    const history = await db.from('tier_history').where('customer_id', customer.id)
    assert.lengthOf(history, 1)
    assert.include(history[0], { from_tier: 'free', to_tier: 'basic', recharged_total: (half * 2n + 7n).toString() })
    assert.equal(Number((await db.from('notifications').where({ customer_id: customer.id, kind: 'tier_upgraded' }).count('* as n').first()).n), 1)
  })
})
