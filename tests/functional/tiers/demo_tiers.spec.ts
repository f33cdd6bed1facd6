/**
 * The demo's tiers: organisations get their negotiated terms (one unlimited TPM, one custom TPM
 * above the table), and the API customer left just below its next threshold is upgraded — with the
 * new TPM in the columns verify reads — by one small recharge.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createCustomer } from '#tests/support/fixtures'
import { creditedOrder } from '#tests/support/factories'
import { insertKey } from '#services/api_keys/store'
import { DEMO_TIER_GAP, seedDemoTiers } from '#database/seeders/demo_tiers'

const tierRow = (code: string) => db.from('tiers').where('code', code).first()

test.group('Tiers / demo seed', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('negotiated organisations, and one recharge of the gap upgrades the demo customer with the new TPM at once', async ({ assert }) => {
    const first = await createCustomer({ type: 'organization', tier: 'enterprise' })
    const second = await createCustomer({ type: 'organization', tier: 'enterprise' })
    const pro = await createCustomer({ type: 'organization', tier: 'pro' })
    const person = await createCustomer({ tier: 'basic' })
    await creditedOrder(person.id, { grant_amount: '120000000' })
    await db.transaction((trx) => insertKey(trx, { customer_id: person.id, name: 'demo' }))

    const picked = await seedDemoTiers()
    assert.equal(Number(picked!.id), person.id)
    const enterprise = await tierRow('enterprise')
    const rows = await db.from('customers').whereIn('id', [first.id, second.id, pro.id]).orderBy('id')
    assert.deepEqual(
      rows.map((r) => [r.tier, r.tier_source, r.tpm_limit]),
      [['enterprise', 'negotiated', null], ['enterprise', 'negotiated', String(BigInt(enterprise.tpm) * 3n)], ['pro', 'negotiated', (await tierRow('pro')).tpm]]
    )
    assert.equal(Number((await db.from('notifications').whereIn('customer_id', [first.id, second.id, pro.id]).count('* as n').first()).n), 0)

    const proTier = await tierRow('pro')
    let row = await db.from('customers').where('id', person.id).first()
    assert.equal(BigInt(row.recharged_total), BigInt(proTier.recharge_from) - DEMO_TIER_GAP)
    assert.equal(row.tier, 'basic')
    await creditedOrder(person.id, { grant_amount: DEMO_TIER_GAP.toString() })
    row = await db.from('customers').where('id', person.id).first()
    assert.include(row, { tier: 'pro', tpm_limit: proTier.tpm, rpm_limit: proTier.rpm })
  })
})
