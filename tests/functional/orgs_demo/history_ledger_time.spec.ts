/**
 * Usage history imported in process (the demo organization's months) is posted at the ledger time
 * given in facts.ledgerTime: the transaction and its entries carry it, so the month's bill holds it.
 * That time must be in the past, after every record of the batch, and outside any period already
 * billed to the customer; a request to the ingestion API cannot set it (no such field) — its
 * postings are dated now. Nothing is written when the time is refused.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { transaction } from '#services/transaction'
import { SYSTEM_ACTOR } from '#services/audit'
import ingestUsage from '#actions/usage/ingest_usage'
import { createCustomer } from '#tests/support/fixtures'
import { apiKey, ingest, pricedModel, usagePostings, usageRecord } from '#tests/support/usage_ingest'
import { assertLedgerHolds } from '#tests/support/ledger'

const DAY = 86_400_000
const facts = (ledgerTime?: Date) => ({ ip: null, userAgent: 'history import', requestId: 'seed', ledgerTime })
const run = (records: unknown[], ledgerTime?: Date) => transaction((trx) => ingestUsage.handle({ records }, { trx, actor: SYSTEM_ACTOR, facts: facts(ledgerTime) }))

async function setup() {
  const { model } = await pricedModel()
  const customer = await createCustomer()
  const key = await apiKey(customer.id)
  const record = (startedAt: Date) => usageRecord({ api_key_id: key.id, model: model.code, started_at: startedAt.toISOString(), input_tokens: 1000, output_tokens: 500 })
  return { customer, record }
}

test.group('Usage history posted at its own ledger time', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('the posting and its entries are dated at the given ledger time', async ({ assert }) => {
    const { customer, record } = await setup()
    const at = new Date(Date.now() - 40 * DAY)
    const reply = await run([record(new Date(at.getTime() - 3_600_000)), record(new Date(at.getTime() - 60_000))], at)
    assert.equal(reply.billed, 2)
    const [posting] = await usagePostings(customer.id)
    assert.equal(new Date(posting.created_at).getTime(), at.getTime())
    const entries = await db.from('ledger_entries').where('transaction_id', posting.id)
    assert.isAtLeast(entries.length, 2)
    for (const entry of entries) assert.equal(new Date(entry.created_at).getTime(), at.getTime())
    await assertLedgerHolds(assert)
  })

  test('refused in the future, before a record of the batch, or inside a billed period; nothing written', async ({ assert }) => {
    const { customer, record } = await setup()
    const past = new Date(Date.now() - 40 * DAY)
    await assert.rejects(() => run([record(new Date(Date.now() - 60_000))], new Date(Date.now() + 3_600_000)), /in the past/)
    await assert.rejects(() => run([record(past)], new Date(past.getTime() - 1000)), /after every record/)

    const start = new Date(past.getTime() - 10 * DAY)
    await db.table('bills').insert({ org_id: customer.id, period_start: start, period_end: new Date(past.getTime() + DAY), cycle: 'custom', currency: 'USD', status: 'issued', issued_at: new Date(), number: `B-TEST-${customer.id}` })
    await assert.rejects(() => run([record(new Date(past.getTime() - 60_000))], past), /already covers/)

    assert.lengthOf(await usagePostings(customer.id), 0)
    assert.lengthOf(await db.from('usage_records').where('customer_id', customer.id), 0)
    // after the billed period, history is taken again
    const later = new Date(past.getTime() + 2 * DAY)
    assert.equal((await run([record(new Date(later.getTime() - 60_000))], later)).billed, 1)
    await assertLedgerHolds(assert)
  })

  test('the ingestion API cannot set a ledger time: its postings are dated now', async ({ assert }) => {
    const { customer, record } = await setup()
    const refused = await ingest({ records: [record(new Date(Date.now() - 30 * DAY))], ledgerTime: new Date(Date.now() - 30 * DAY).toISOString() })
    assert.equal(refused.status, 422)
    assert.lengthOf(await usagePostings(customer.id), 0)
    const before = Date.now()
    const reply = await ingest({ records: [record(new Date(Date.now() - 30 * DAY))] })
    assert.equal(reply.status, 200, reply.text)
    const [posting] = await usagePostings(customer.id)
    assert.isAtLeast(new Date(posting.created_at).getTime(), before - 60_000)
  })
})
