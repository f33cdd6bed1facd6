/**
 * One call shape for every use case: `handle(input, { trx, actor, facts })`. The same use case
 * called directly (as an ace command, a job or a test does) and through HTTP (the resource
 * engine builds `{ record, fields, reason }` and the deps from the request) changes the same
 * things and answers the same.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { transaction } from '#services/transaction'
import { NO_REQUEST } from '#services/use_case'
import freezeUser from '#actions/users/freeze_user'
import chargeCustomer from '#actions/ledger/charge_customer'
import { Agent } from '#tests/support/agent'
import { staffAgent } from '#tests/support/agents'
import { createCustomer } from '#tests/support/fixtures'
import { fundedCustomer } from '#tests/support/factories'
import { runUseCase, staffActor } from '#tests/support/use_cases'
import { balances, units } from '#tests/support/ledger'

const frozenState = async (id: number) => {
  const row = await db.from('customers').where('id', id).select('frozen', 'frozen_reason').first()
  return { frozen: row.frozen, frozen_reason: row.frozen_reason }
}

test.group('Use cases / one call shape', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('an engine action called directly with { trx, actor, facts } does what the HTTP action does', async ({ assert }) => {
    const { staff, agent } = await staffAgent('operations')
    const [viaHttp, direct] = [await createCustomer(), await createCustomer()]
    const reason = 'Chargeback fraud, ticket 88'

    const reply = await agent.post(`/api/admin/users/${viaHttp.id}/actions/freeze`, { reason })
    assert.equal(reply.status, 200, reply.text)

    const outcome = await transaction(async (trx) => {
      const record = await trx.from('customers').where('id', direct.id).forUpdate().first()
      return freezeUser.handle({ record, fields: {}, reason }, { trx, actor: staffActor(staff, 'operations'), facts: NO_REQUEST })
    })

    assert.equal(outcome.message, reply.body.message)
    assert.deepEqual(await frozenState(direct.id), await frozenState(viaHttp.id))
    assert.deepEqual(await frozenState(direct.id), { frozen: true, frozen_reason: reason })
    // the rules hold either way: a second freeze is refused
    const record = await db.from('customers').where('id', direct.id).first()
    await assert.rejects(() => runUseCase(freezeUser, { record, fields: {}, reason }), /already frozen/)
    assert.equal((await agent.post(`/api/admin/users/${viaHttp.id}/actions/freeze`, { reason })).status, 400)
  })

  test('a domain use case answers the same to the internal API and to a direct call, and replays alike', async ({ assert }) => {
    const [viaHttp, direct] = [await fundedCustomer({ cash: '50' }), await fundedCustomer({ cash: '50' })]
    const service = { authorization: `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` }
    const reply = await new Agent().request('POST', '/api/internal/charges', { customer_id: viaHttp.id, amount: '12.5', idempotency_key: 'shape-1' }, service)
    assert.equal(reply.status, 201, reply.text)

    const input = { customerId: direct.id, amount: units('12.5'), idempotencyKey: 'ext:test:shape-1' }
    const posted = await runUseCase(chargeCustomer, input)
    assert.isFalse(posted.replayed)
    assert.isTrue((await runUseCase(chargeCustomer, input)).replayed)
    assert.deepEqual(await balances(direct.id), await balances(viaHttp.id))
    assert.equal((await balances(direct.id)).cash, units('37.5'))
  })
})
