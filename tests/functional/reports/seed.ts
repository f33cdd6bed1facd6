/**
 * A small, hand-countable data set in January 2030 (far from anything else the suite writes) for
 * the report tests: three customers, four paid orders and three unpaid ones, a refund of ours and
 * one made on the provider's side, usage rollup rows (hourly and daily, as ingestion writes
 * them), verify counters, generations, credit grants and an arrears account. Rows are written
 * directly: the reports read these tables, and the flows that fill them are tested elsewhere.
 * Ledger headers are written without entries (the balance triggers are deferred to a commit that
 * a test's rolled-back transaction never reaches).
 *
 * 2030-01-01 is a Tuesday: the week periods of January start 2029-12-31, 01-07, 01-14, 01-21, 01-28.
 * Asia/Shanghai is UTC+8: 2030-01-03T17:00Z is 2030-01-04 01:00 there.
 */
import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import creditdesk from '#config/creditdesk'
import { createCustomer } from '#tests/support/fixtures'

let seq = 0
const unique = (name: string) => `${name}-${Date.now().toString(36)}-${seq++}`
const hex64 = (text: string) => createHash('sha256').update(text).digest('hex')

async function plan(name: string, grant: number, cents: number) {
  const [row] = await db.table('plans').insert({ code: unique(name.toLowerCase()), name, prices: JSON.stringify({ USD: cents }), grant_amount: grant }).returning('*')
  return Number(row.id)
}

type Order = { customer: number; plan?: number | null; planName?: string | null; status: string; grant: number; amount: number; created: string; paid?: string; refunded?: number }
async function order(o: Order) {
  const [row] = await db
    .table('orders')
    .insert({
      customer_id: o.customer,
      plan_id: o.plan ?? null,
      plan_name: o.planName ?? null,
      channel: o.plan ? 'stripe' : 'bank_transfer',
      currency: 'USD',
      amount: o.amount,
      grant_amount: o.grant,
      status: o.status,
      refunded_amount: o.refunded ?? 0,
      created_at: o.created,
      paid_at: o.paid ?? null,
    })
    .returning('*')
  return Number(row.id)
}

type Usage = { customer: number; model: number; channel: number; hour: string; requests: number; input: number; output: number; charged: number; cost: number }
async function usage(u: Usage) {
  const measures = { requests: u.requests, successes: u.requests, input_tokens: u.input, output_tokens: u.output, charged: u.charged, cost: u.cost, margin: u.charged - u.cost }
  await db.table('usage_rollup_hourly').insert({ bucket: u.hour, customer_id: u.customer, api_key_id: 0, model_id: u.model, channel_id: u.channel, ...measures })
  await db.table('usage_rollup_daily').insert({ bucket: u.hour.slice(0, 10), customer_id: u.customer, model_id: u.model, channel_id: u.channel, ...measures })
}

async function ledgerHeader(type: string, customer: number, amount: number, at: string) {
  const key = unique(`report-test:${type}`)
  const [row] = await db
    .table('ledger_transactions')
    .insert({ type, asset: creditdesk.asset, idempotency_key: key, request_hash: hex64(key), actor_type: 'system', customer_id: customer, amount, created_at: at })
    .returning('*')
  return Number(row.id)
}

export async function seedReports() {
  const a = await createCustomer({ created_at: '2030-01-02T10:00:00Z' })
  const b = await createCustomer({ created_at: '2030-01-03T08:00:00Z' })
  const c = await createCustomer({ created_at: '2030-01-09T12:00:00Z' })
  const starter = await plan('Starter', 9_900_000, 990)
  const premium = await plan('Premium', 99_000_000, 9900)

  // paid: 9.90 + 99.00 + 9.90 + 50.00 = 168.80 in January
  const o1 = await order({ customer: a.id, plan: starter, status: 'PAID', grant: 9_900_000, amount: 990, created: '2030-01-02T11:50:00Z', paid: '2030-01-02T12:00:00Z', refunded: 495 })
  const o2 = await order({ customer: a.id, plan: premium, status: 'PARTIALLY_REFUNDED', grant: 99_000_000, amount: 9900, created: '2030-01-05T15:20:00Z', paid: '2030-01-05T15:30:00Z', refunded: 1000 })
  await order({ customer: b.id, plan: starter, status: 'PAID', grant: 9_900_000, amount: 990, created: '2030-01-03T16:55:00Z', paid: '2030-01-03T17:00:00Z' })
  await order({ customer: c.id, planName: null, status: 'PAID', grant: 50_000_000, amount: 5000, created: '2030-01-20T09:00:00Z', paid: '2030-01-20T10:00:00Z' })
  await order({ customer: c.id, plan: starter, status: 'FAILED', grant: 9_900_000, amount: 990, created: '2030-01-09T13:00:00Z' })
  await order({ customer: a.id, plan: starter, status: 'CANCELLED', grant: 9_900_000, amount: 990, created: '2030-01-06T09:00:00Z' })
  await order({ customer: b.id, plan: premium, status: 'PENDING', grant: 99_000_000, amount: 9900, created: '2030-01-10T09:00:00Z' })

  // refunds paid out: 10.00 (ours, on o2) on the 6th and 4.95 (the provider's, half of o1) on the 8th
  await db.table('refunds').insert({ order_id: o2, customer_id: a.id, channel: 'stripe', currency: 'USD', amount: 1000, ledger_amount: 10_000_000, status: 'SUCCEEDED', reason: 'test', completed_at: '2030-01-06T10:00:00Z' })
  await db.table('refunds').insert({ order_id: o2, customer_id: a.id, channel: 'stripe', currency: 'USD', amount: 500, ledger_amount: 5_000_000, status: 'REJECTED', reason: 'test' })
  await db.table('provider_refunds').insert({ provider_refund_id: unique('re'), order_id: o1, customer_id: a.id, currency: 'USD', amount: 495, status: 'succeeded', created_at: '2030-01-08T10:00:00Z' })

  const [m1] = await db.table('usage_models').insert({ code: unique('model-one'), name: 'Model One', vendor: 'Test', kind: 'text', billing_unit: 'per_1m_tokens' }).returning('id')
  const [m2] = await db.table('usage_models').insert({ code: unique('model-two'), name: 'Model Two', vendor: 'Test', kind: 'video', billing_unit: 'per_1m_tokens' }).returning('id')
  const [ch] = await db.table('channels').insert({ name: unique('Chan One'), type: 'custom', base_url: 'https://upstream.test' }).returning(['id', 'name'])
  const [model1, model2, channel] = [Number(m1.id), Number(m2.id), Number(ch.id)]
  // charged 6.50, cost 4.849 in January; 2030-01-05T16:00Z is the 6th in Shanghai
  await usage({ customer: a.id, model: model1, channel, hour: '2030-01-02T10:00:00Z', requests: 10, input: 1000, output: 500, charged: 2_000_000, cost: 1_200_000 })
  await usage({ customer: a.id, model: model2, channel: 0, hour: '2030-01-05T16:00:00Z', requests: 5, input: 0, output: 0, charged: 3_000_000, cost: 2_500_000 })
  await usage({ customer: b.id, model: model1, channel, hour: '2030-01-03T17:00:00Z', requests: 2, input: 200, output: 100, charged: 400_000, cost: 100_000 })
  await usage({ customer: b.id, model: model1, channel, hour: '2030-01-10T09:00:00Z', requests: 1, input: 10, output: 10, charged: 100_000, cost: 50_000 })
  await usage({ customer: a.id, model: model1, channel, hour: '2030-01-28T09:00:00Z', requests: 1, input: 0, output: 0, charged: 1_000_000, cost: 999_000 })

  // 110 verifies, 10 refused
  await db.table('verify_outcomes_hourly').multiInsert([
    { bucket: '2030-01-02T10:00:00Z', code: 'OK', count: 90 },
    { bucket: '2030-01-02T10:00:00Z', code: 'RATE_LIMITED', count: 6 },
    { bucket: '2030-01-02T10:00:00Z', code: 'INVALID_KEY', count: 4 },
    { bucket: '2030-01-05T16:00:00Z', code: 'OK', count: 10 },
  ])

  const generation = (customer: number, status: string, created: string, completed: string | null) =>
    db.table('generations').insert({ customer_id: customer, type: 'video', prompt: 'a cat', status, created_at: created, completed_at: completed })
  await generation(a.id, 'completed', '2030-01-02T10:00:00Z', '2030-01-02T10:01:30Z')
  await generation(a.id, 'failed', '2030-01-02T11:00:00Z', null)
  await generation(b.id, 'completed', '2030-01-03T17:00:00Z', '2030-01-03T17:00:30Z')
  await generation(b.id, 'processing', '2030-01-10T09:00:00Z', null)

  // granted in January: 9.90 + 5.00 + 1.00 (a negative cash adjustment and a usage charge grant nothing)
  await ledgerHeader('recharge', a.id, 9_900_000, '2030-01-02T12:00:00Z')
  await ledgerHeader('voucher_grant', b.id, 5_000_000, '2030-01-04T10:00:00Z')
  await ledgerHeader('cash_adjustment', b.id, -2_000_000, '2030-01-05T10:00:00Z')
  await ledgerHeader('cash_adjustment', c.id, 1_000_000, '2030-01-05T10:00:00Z')
  await ledgerHeader('usage_charge', a.id, 3_000_000, '2030-01-05T16:30:00Z')

  // A owes 1.50 from 2030-01-05T17:00Z until the 20th
  const [arrears] = await db.table('ledger_accounts').insert({ owner_type: 'customer', owner_id: a.id, code: 'arrears', asset: creditdesk.asset, balance: 0, credit_limit: 0 }).returning('id')
  const owe = await ledgerHeader('usage_charge', a.id, 1_500_000, '2030-01-05T17:00:00Z')
  const settle = await ledgerHeader('arrears_settlement', a.id, 1_500_000, '2030-01-20T10:00:00Z')
  await db.table('ledger_entries').insert({ transaction_id: owe, account_id: arrears.id, asset: creditdesk.asset, amount: -1_500_000, balance_after: -1_500_000, created_at: '2030-01-05T17:00:00Z' })
  await db.table('ledger_entries').insert({ transaction_id: settle, account_id: arrears.id, asset: creditdesk.asset, amount: 1_500_000, balance_after: 0, created_at: '2030-01-20T10:00:00Z' })

  return { a, b, c, channelName: ch.name as string }
}
