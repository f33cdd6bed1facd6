/**
 * Paying a bill by card (portal, bills.pay): a Stripe checkout order with the bill, made through
 * the checkout machinery; the paid webhook credits it and applies it to the bill in the credit's
 * transaction — once, however many times the events arrive.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { Agent } from '#tests/support/agent'
import { staffAgent } from '#tests/support/agents'
import { assertLedgerHolds, balances, units } from '#tests/support/ledger'
import { StripeStandin, deliverAll } from '#tests/support/stripe_standin'
import { BIG, act, billRow, generate, postpaidOrg, useModels } from './bill_fixtures.js'

const standin = new StripeStandin()

test.group('Bills / card payments', (group) => {
  group.setup(async () => {
    await standin.start()
  })
  group.teardown(() => standin.stop())
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a card payment of part of a bill is applied once, in the credit of its order', async ({ assert }) => {
    const { agent: finance } = await staffAgent('finance')
    const org = await postpaidOrg({ tax_rate: '0', bill_discount_rate: '0' })
    await useModels(org.id, [{ model: 'a', tokens: BIG }])
    const { bill } = await generate(org.id)
    await act(finance, bill.id, 'issue')
    const portal = await new Agent().loginCustomer(org.email)
    const reply = await portal.post(`/api/portal/bills/${bill.id}/pay`, { amount: '1.5' })
    assert.equal(reply.status, 201, reply.text)
    assert.match(reply.body.checkout_url, /^https?:\/\//)
    const order = await db.from('orders').where('number', reply.body.order_number).first()
    assert.include(order, { channel: 'stripe', status: 'PENDING', amount: '150', grant_amount: String(units('1.5')), bill_id: String(bill.id) })

    const ids = standin.pay(order.channel_order_id)
    const events = standin.events('checkout_card_paid', ids)
    await deliverAll(standin, events)
    await deliverAll(standin, events)
    const paid = await billRow(bill.id)
    assert.include(paid, { status: 'partially_paid', paid: String(units('1.5')) })
    assert.lengthOf(await db.from('bill_payments').where('bill_id', bill.id), 1)
    assert.equal((await balances(org.id)).cash, -units('2.5'))
    await assertLedgerHolds(assert)
  })
})
