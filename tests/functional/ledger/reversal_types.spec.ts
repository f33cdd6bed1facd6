/**
 * "Reverse" is offered and accepted only on types it makes sense for: a recharge, a refund step or
 * a cash adjustment is refused with a clear 4xx (they have their own flows), a usage charge or a
 * voucher grant is reversed. The meta carries the same rule for the button.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import { createCustomer } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'
import { assertLedgerHolds, balances, fundCash, fundGift, units } from '#tests/support/ledger'
import { post } from '#services/ledger/post'
import { customerAccount, systemAccount } from '#services/ledger/accounts'
import { SYSTEM_ACTOR } from '#services/audit'
import { STAFF_REVERSIBLE_TYPES } from '#services/ledger/reversible'

const reverse = (agent: any, id: number | string) => agent.post(`/api/admin/ledger-transactions/${id}/actions/reverse`, { reason: 'Posted by mistake' })

test.group('Ledger / which transactions staff may reverse', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a recharge, a refund hold and a cash adjustment are refused with a 400 that says why; nothing is posted', async ({ assert }) => {
    const customer = await createCustomer()
    const recharge = await fundCash(customer.id, '40')
    const hold = await db.transaction((trx) =>
      post(trx, { type: 'refund_hold', idempotencyKey: `test-hold:${randomUUID()}`, request: {}, actor: SYSTEM_ACTOR, customerId: customer.id, amount: units('10') }, async () => [
        { accountId: await customerAccount(trx, customer.id, 'cash'), amount: -units('10') },
        { accountId: await systemAccount(trx, 'refund_pending'), amount: units('10') },
      ])
    )
    const adjustment = await db.transaction((trx) =>
      post(trx, { type: 'cash_adjustment', idempotencyKey: `test-adj:${randomUUID()}`, request: {}, actor: SYSTEM_ACTOR, customerId: customer.id, amount: units('5') }, async () => [
        { accountId: await systemAccount(trx, 'cash_adjustments'), amount: -units('5') },
        { accountId: await customerAccount(trx, customer.id, 'cash'), amount: units('5') },
      ])
    )
    const { agent: finance } = await staffAgent('finance')
    for (const posted of [recharge, hold, adjustment]) {
      const reply = await reverse(finance, posted.transaction.id)
      assert.equal(reply.status, 400, `${posted.transaction.type}: ${reply.text}`)
      assert.include(reply.body.message, 'cannot be reversed by hand')
    }
    const zh = await finance.post(`/api/admin/ledger-transactions/${recharge.transaction.id}/actions/reverse`, { reason: 'Posted by mistake' }, { 'accept-language': 'zh-CN' })
    assert.equal(zh.status, 400)
    assert.include(zh.body.message, '不能手工冲正')
    assert.lengthOf(await db.from('ledger_transactions').where({ type: 'reversal', customer_id: customer.id }), 0)
    assert.equal((await balances(customer.id)).cash, units('35'))
    await assertLedgerHolds(assert)
  })

  test('a voucher grant is reversed; the meta shows the button only on the reversible types', async ({ assert }) => {
    const customer = await createCustomer()
    const grant = await fundGift(customer.id, '8')
    const { agent: finance } = await staffAgent('finance')
    const reply = await reverse(finance, grant.transaction.id)
    assert.equal(reply.status, 200, reply.text)
    assert.notOk(reply.body.once, 'a reversal id is not a one-time secret')
    assert.equal((await balances(customer.id)).gift, 0n)

    const meta = await finance.get('/api/admin/meta')
    const resource = meta.body.resources.find((r: any) => r.name === 'ledger-transactions')
    const action = resource.actions.find((a: any) => a.name === 'reverse')
    assert.deepEqual(action.when, { field: 'type', in: [...STAFF_REVERSIBLE_TYPES] })
    assert.notInclude(action.when.in, 'recharge')
    assert.notInclude(action.when.in, 'cash_adjustment')
    await assertLedgerHolds(assert)
  })
})
