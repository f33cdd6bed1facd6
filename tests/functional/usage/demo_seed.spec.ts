/**
 * The demo usage seed, over a short window: every generated record is billed through ingestion,
 * usage rows, postings and wallet movements agree per customer,
 * exactly one customer ends in arrears, the ledger invariants hold, and the key printed in the
 * start banner verifies through the internal API; one key each was disabled, leak-locked, expired;
 * video generations went through holds: completed, released, still processing, refunded once.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createCustomers } from '#tests/support/fixtures'
import { assertLedgerHolds } from '#tests/support/ledger'
import { demoApiKey, seedDemoUsage } from '#database/seeders/demo_usage'
import { verify } from './keys_fixtures.js'

const TIERS = ['enterprise', 'enterprise', 'pro', 'pro', 'pro', 'basic', 'basic', 'free', 'free', 'free']

test.group('Demo usage seed', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('bills every record, moves each wallet by exactly its usage, one customer in arrears', async ({ assert }) => {
    await createCustomers(TIERS.length, (i) => ({ tier: TIERS[i], type: TIERS[i] === 'enterprise' ? 'organization' : 'individual' }))
    const summary = await seedDemoUsage({ days: 3 })
    assert.isAbove(summary.records, 5000)
    assert.equal(summary.rejected, 0)
    assert.equal(summary.billed, summary.records)
    assert.equal(summary.customers, 10)

    const customers = (await db.from('api_keys').distinct('customer_id')).map((r) => Number(r.customer_id))
    assert.lengthOf(customers, 10)
    const usage = await db.from('usage_records').whereIn('customer_id', customers).select('customer_id').sum('charged as charged').count('* as n').groupBy('customer_id')
    assert.equal(usage.reduce((n, r) => n + Number(r.n), 0), summary.records)

    let inArrears = 0
    for (const id of customers) {
      const charged = BigInt(usage.find((r) => Number(r.customer_id) === id)?.charged ?? 0)
      const posted = await db.from('ledger_transactions').where({ customer_id: id, type: 'usage_charge' }).sum('amount as s').first()
      assert.equal(BigInt(posted?.s ?? 0), charged, `customer ${id}: postings equal the usage rows`)
      const moved = await db
        .from('ledger_entries as e')
        .join('ledger_transactions as t', 't.id', 'e.transaction_id')
        .join('ledger_accounts as a', 'a.id', 'e.account_id')
        .where({ 'a.owner_type': 'customer', 'a.owner_id': id, 't.type': 'usage_charge' })
        .sum('e.amount as s')
        .first()
      assert.equal(-BigInt(moved?.s ?? 0), charged, `customer ${id}: the wallet moved by exactly the usage charged`)
      const arrears = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: id, code: 'arrears' }).first()
      if (BigInt(arrears?.balance ?? 0) < 0n) inArrears++
    }
    assert.equal(inArrears, 1)
    await assertLedgerHolds(assert)

    const generations = await db.from('generations').whereIn('customer_id', customers)
    assert.lengthOf(generations, 40)
    const by = (status: string) => generations.filter((g) => g.status === status)
    assert.lengthOf(by('processing'), 3)
    assert.isAbove(by('completed').length, 20)
    assert.isAbove(by('failed').filter((g) => !g.refund_transaction_id).length, 0) // released: never charged
    assert.isAbove(by('failed').filter((g) => g.refund_transaction_id).length, 0) // charged, then refunded once
    assert.lengthOf(await db.from('holds').whereIn('customer_id', customers).where('status', 'held'), 3)

    const ok = await verify({ key: demoApiKey(), model: 'gpt-4o-mini', ip: '127.0.0.1' })
    assert.equal(ok.status, 200, ok.text)
    assert.isTrue(ok.body.ok)
    const keys = await db.from('api_keys').whereIn('customer_id', customers)
    assert.deepEqual(
      ['disabled', 'locked', 'expired'].map((state) => keys.filter((k) => (state === 'expired' ? k.expires_at && k.expires_at < new Date() : k.status === state)).length),
      [1, 1, 1]
    )
  })
})
