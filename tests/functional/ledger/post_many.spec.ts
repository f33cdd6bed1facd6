/**
 * postMany(): many postings in a few statements, with every guarantee of post(). Rows are
 * committed (no global transaction) so the deferred guards — balanced transactions, an account's
 * balance equal to its last entry's balance_after — run for real at each commit. The customers
 * are removed afterwards; ledger and usage rows are append-only and stay.
 */
import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import creditdesk from '#config/creditdesk'
import { Agent } from '#tests/support/agent'
import { committedCustomers } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, fundCash, fundGift, units } from '#tests/support/ledger'
import { ingest, pricedModel, usagePostings, usageRecord } from '#tests/support/usage_ingest'
import { postMany, type Planned } from '#services/ledger/post_many'
import { customerAccount, systemAccount } from '#services/ledger/accounts'
import { transaction } from '#services/transaction'
import { SYSTEM_ACTOR } from '#services/audit'

const service = { authorization: `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` }
const owed = async (customerId: number) => {
  const row = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: customerId, code: 'arrears' }).first()
  return row ? -BigInt(row.balance) : 0n
}
const cashOf = (customerId: number) => transaction((trx) => customerAccount(trx, customerId, 'cash'))
const giftOf = (customerId: number) => transaction((trx) => customerAccount(trx, customerId, 'gift'))
const entriesOf = (accountId: number) => db.from('ledger_entries').where('account_id', accountId).orderBy('id')

/** A correction moving `amount` from one account to another (negative = the other way). */
const move = (key: string, from: number, to: number, amount: string): Planned => ({
  header: { type: 'correction', idempotencyKey: key, request: { from, to, amount }, actor: SYSTEM_ACTOR, amount: units(amount) },
  accounts: [from, to],
  plan: () => [
    { accountId: from, amount: -units(amount) },
    { accountId: to, amount: units(amount) },
  ],
})

test.group('postMany', (group) => {
  const customers = committedCustomers()
  group.teardown(() => customers.removeCommitted())

  test('an account hit by several postings of one call: its entries chain balance_after in id order and the commit passes the guards', async ({ assert }) => {
    const [a, b] = [await customers.create(), await customers.create()]
    await fundCash(a.id, '10')
    await fundCash(b.id, '10')
    const [cashA, cashB, sink] = [await cashOf(a.id), await cashOf(b.id), await transaction((trx) => systemAccount(trx, 'cash_adjustments'))]
    const k = randomUUID()
    const posted = await transaction((trx) =>
      postMany(trx, [move(`${k}:1`, cashA, sink, '1'), move(`${k}:2`, cashB, sink, '2'), move(`${k}:3`, cashA, sink, '3'), move(`${k}:4`, sink, cashA, '0.5')])
    )
    assert.deepEqual(posted.map((p) => p.replayed), [false, false, false, false])
    assert.deepEqual(posted.map((p) => p.entries.length), [2, 2, 2, 2])
    assert.equal((await balances(a.id)).cash, units('6.5'))
    assert.equal((await balances(b.id)).cash, units('8'))
    for (const account of [cashA, sink]) {
      const entries = await entriesOf(account)
      for (let i = 1; i < entries.length; i++) {
        assert.equal(BigInt(entries[i].balance_after), BigInt(entries[i - 1].balance_after) + BigInt(entries[i].amount), `account ${account} entry ${entries[i].id}`)
      }
    }
    assert.deepEqual((await entriesOf(cashA)).slice(-3).map((e) => e.balance_after), [String(units('9')), String(units('6')), String(units('6.5'))])
    await assertLedgerHolds(assert)
  }).timeout(30_000)

  test('same keys and requests are replayed (nothing moves, new ones post); a key with another request is a 409 and the call writes nothing', async ({ assert }) => {
    const c = await customers.create()
    await fundCash(c.id, '10')
    const [cash, sink] = [await cashOf(c.id), await transaction((trx) => systemAccount(trx, 'cash_adjustments'))]
    const k = randomUUID()
    const first = await transaction((trx) => postMany(trx, [move(`${k}:a`, cash, sink, '1'), move(`${k}:b`, cash, sink, '2')]))
    const again = await transaction((trx) => postMany(trx, [move(`${k}:a`, cash, sink, '1'), move(`${k}:c`, cash, sink, '3'), move(`${k}:b`, cash, sink, '2')]))
    assert.deepEqual(again.map((p) => p.replayed), [true, false, true])
    assert.equal(again[0].transaction.id, first[0].transaction.id)
    assert.deepEqual(again[2].entries.map((e) => e.id), first[1].entries.map((e) => e.id))
    assert.equal((await balances(c.id)).cash, units('4'))

    const error = await transaction((trx) => postMany(trx, [move(`${k}:d`, cash, sink, '1'), move(`${k}:a`, cash, sink, '1.5')])).catch((e) => e)
    assert.equal(error.status, 409)
    assert.isNull(await db.from('ledger_transactions').where('idempotency_key', `${k}:d`).first())
    assert.equal((await balances(c.id)).cash, units('4'))
    await assertLedgerHolds(assert)
  }).timeout(30_000)

  test('a posting beyond a customer account credit limit is refused (402) and the whole call writes nothing', async ({ assert }) => {
    const [a, b] = [await customers.create(), await customers.create()]
    await fundCash(a.id, '5')
    await fundCash(b.id, '1')
    const [cashA, cashB, sink] = [await cashOf(a.id), await cashOf(b.id), await transaction((trx) => systemAccount(trx, 'cash_adjustments'))]
    const k = randomUUID()
    const error = await transaction((trx) => postMany(trx, [move(`${k}:a`, cashA, sink, '1'), move(`${k}:b`, cashB, sink, '0.6'), move(`${k}:b2`, cashB, sink, '0.6')])).catch((e) => e)
    assert.equal(error.status, 402)
    assert.lengthOf(await db.from('ledger_transactions').whereLike('idempotency_key', `${k}:%`), 0)
    assert.deepEqual([(await balances(a.id)).cash, (await balances(b.id)).cash], [units('5'), units('1')])
    await assertLedgerHolds(assert)
  }).timeout(30_000)

  test('gift lots: soonest-expiring first across the postings of one call, expired lots untouched, each take recorded', async ({ assert }) => {
    const c = await customers.create()
    const day = 86400_000
    await fundGift(c.id, '3', new Date(Date.now() + 10 * day))
    await fundGift(c.id, '2', new Date(Date.now() + 2 * day))
    await fundGift(c.id, '1', null)
    await fundGift(c.id, '5', new Date(Date.now() + 1000))
    await new Promise((resolve) => setTimeout(resolve, 1100)) // the last lot has expired (not yet swept)
    const [gift, sink] = [await giftOf(c.id), await transaction((trx) => systemAccount(trx, 'cash_adjustments'))]
    const take = (key: string, amount: string): Planned => ({
      header: { type: 'correction', idempotencyKey: key, request: { amount }, actor: SYSTEM_ACTOR },
      accounts: [gift, sink],
      giftAccounts: [gift],
      plan: (ctx) => {
        const taken = ctx.takeGift(gift, units(amount))
        return [
          { accountId: gift, amount: -taken },
          { accountId: sink, amount: taken },
        ]
      },
    })
    const k = randomUUID()
    const [one, two] = await transaction((trx) => postMany(trx, [take(`${k}:1`, '2.5'), take(`${k}:2`, '3')]))
    const lots = await db.from('gift_lots').where('account_id', gift).orderBy('id')
    const [lot10d, lot2d, lotNever] = lots.map((l) => String(l.id))
    const usages = async (transactionId: number) =>
      (await db.from('gift_lot_usages').where('transaction_id', transactionId).orderBy('id')).map((u) => [String(u.lot_id), u.amount])
    assert.deepEqual(await usages(one.transaction.id), [[lot2d, String(units('2'))], [lot10d, String(units('0.5'))]])
    assert.deepEqual(await usages(two.transaction.id), [[lot10d, String(units('2.5'))], [lotNever, String(units('0.5'))]])
    assert.deepEqual(lots.map((l) => l.remaining), ['0', '0', String(units('0.5')), String(units('5'))])
    assert.equal((await balances(c.id)).gift, units('5.5'))
    await assertLedgerHolds(assert)
  }).timeout(30_000)
})

test.group('postMany: usage batches', (group) => {
  const customers = committedCustomers()
  group.teardown(() => customers.removeCommitted())

  test('one batch over several customers: gift, cash down to its credit limit, the rest to arrears, per customer; one audit row each', async ({ assert }) => {
    // 1,000 input tokens at 10,000 per 1M = 10.00 a record
    const { model } = await pricedModel({ prices: { input_price: '10000' } })
    const [a, b, c, d] = [await customers.create(), await customers.create(), await customers.create(), await customers.create()]
    await fundGift(a.id, '4', new Date(Date.now() + 86400_000))
    await fundCash(a.id, '5')
    await fundCash(b.id, '1')
    await db.from('ledger_accounts').where('id', await cashOf(b.id)).update({ credit_limit: String(units('3')) })
    await fundCash(c.id, '100')
    await fundGift(d.id, '4')
    await fundCash(d.id, '5')
    const record = (customerId: number) => usageRecord({ customer_id: customerId, model: model.code, input_tokens: 1000 })
    const reply = await ingest({ records: [record(c.id), record(a.id), record(b.id), record(a.id), record(a.id)] })
    assert.include(reply.body, { billed: 5 })
    assert.deepEqual([await balances(a.id), await owed(a.id)], [{ cash: 0n, gift: 0n }, units('21')])
    assert.deepEqual([await balances(b.id), await owed(b.id)], [{ cash: -units('3'), gift: 0n }, units('6')])
    assert.deepEqual([await balances(c.id), await owed(c.id)], [{ cash: units('90'), gift: 0n }, 0n])
    assert.isNull(await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: c.id, code: 'arrears' }).first())

    // cash first takes cash before the lots
    const order = creditdesk.deductionOrder
    creditdesk.deductionOrder = 'cash_first'
    try {
      await ingest({ records: [usageRecord({ customer_id: d.id, model: model.code, input_tokens: 600 })] })
    } finally {
      creditdesk.deductionOrder = order
    }
    assert.deepEqual(await balances(d.id), { cash: 0n, gift: units('3') })

    const postings = [...(await usagePostings(a.id)), ...(await usagePostings(b.id))]
    const audits = await db.from('audit_logs').where({ action: 'usage_charge' }).whereIn('record_id', postings.map((p) => String(p.id))).orderBy('record_id')
    assert.deepEqual(
      audits.map((row) => [row.metadata.fromGift, row.metadata.fromCash, row.metadata.toArrears]),
      [['4.000000', '5.000000', '21.000000'], ['0.000000', '4.000000', '6.000000']]
    )
    await assertLedgerHolds(assert)
  }).timeout(30_000)

  test('usage batches over many customers race single charges on the same customers: every request finishes, invariants hold', async ({ assert }) => {
    const { model } = await pricedModel() // 0.006 a record at the helper's prices
    const list = await Promise.all(Array.from({ length: 6 }, () => customers.create()))
    for (const c of list) {
      await fundCash(c.id, '50')
      await fundGift(c.id, '3', new Date(Date.now() + 86400_000))
      await fundGift(c.id, '2', new Date(Date.now() + 3 * 86400_000))
    }
    const TOKENS = { input_tokens: 1000, output_tokens: 500 }
    const batches = Array.from({ length: 6 }, (_, i) => ({
      records: list.flatMap((_, j) => Array.from({ length: 5 }, () => usageRecord({ customer_id: list[(i + j) % list.length].id, model: model.code, ...TOKENS }))),
    }))
    const charges = list.flatMap((c) =>
      Array.from({ length: 4 }, () => new Agent().request('POST', '/api/internal/charges', { customer_id: c.id, amount: '1', idempotency_key: `many-${randomUUID()}` }, service))
    )
    const [ingested, charged] = await Promise.all([Promise.all(batches.map((body) => ingest(body))), Promise.all(charges)])
    assert.deepEqual(ingested.map((r) => [r.status, r.body.billed]), Array(6).fill([200, 30]))
    assert.deepEqual(charged.map((r) => r.status), Array(24).fill(201))
    for (const c of list) {
      const b = await balances(c.id)
      // 55 funded − 4 charges of 1 − 30 records of 0.006
      assert.equal(b.cash + b.gift, units('55') - units('4') - units('0.18'))
    }
    await assertLedgerHolds(assert)
  }).timeout(60_000)
})
