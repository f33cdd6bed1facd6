/**
 * One demo spike for the risk alerts list (a fresh development database, after the demo usage):
 * the "default" key of the demo pro customer suddenly sends several hundred long GPT-4o requests
 * in the hour in progress — about 8× its usual hour in requests and spend, at least 400 requests
 * and 15 of the balance unit — billed through usage ingestion like any traffic, then the anomaly
 * check runs once as the job would. The console's Risk alerts list opens on a spend and a request
 * spike of that key and of its customer (topped up first by a bank transfer when its balance would not cover
 * the surge, so the spike never leaves it owing). Deterministic but for the moment of seeding.
 */
import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR } from '#services/audit'
import { transaction } from '#services/transaction'
import { runAnomalyDetection } from '#services/risk/anomaly_job'
import ingestUsage from '#actions/usage/ingest_usage'
import { seedRecharges } from './demo_usage_customers.js'

const HOUR = 3_600_000
const WEEK_HOURS = 168
const FACTS = { ip: null, userAgent: 'demo seed', requestId: 'seed' }

export async function seedDemoRiskSpike(now = new Date()) {
  const key = await db.from('api_keys').where({ name: 'default', status: 'enabled' }).whereNull('deleted_at').orderBy('id').first()
  if (!key) return null

  // the key's usual hour over the past week, from its usage rows
  const hourStart = new Date(Math.floor(now.getTime() / HOUR) * HOUR)
  const usual = await db
    .from('usage_records')
    .where('api_key_id', key.id)
    .where('started_at', '>=', new Date(hourStart.getTime() - WEEK_HOURS * HOUR))
    .where('started_at', '<', hourStart)
    .count('* as requests')
    .sum('charged as charged')
    .first()
  const perHour = { requests: Number(usual?.requests ?? 0) / WEEK_HOURS, dollars: Number(usual?.charged ?? 0) / 1e6 / WEEK_HOURS }
  const requests = Math.min(1000, Math.max(400, Math.ceil(perHour.requests * 8)))
  const target = Math.max(15, perHour.dollars * 8)
  // GPT-4o at 2.50 / 10.00 per 1M tokens, output a fifth of input: 4.5 per 1M input tokens, 20 % over the target
  const inputTokens = Math.ceil((target * 1.2) / requests / 4.5e-6)

  const span = Math.max(1, now.getTime() - hourStart.getTime())
  const records = Array.from({ length: requests }, (_, i) => ({
    request_id: `demo-spike-${hourStart.getTime()}-${i}`,
    api_key_id: Number(key.id),
    model: 'gpt-4o',
    channel: 'OpenAI Official',
    started_at: new Date(hourStart.getTime() + Math.floor((span * i) / requests)).toISOString(),
    latency_ms: 9000 + (i % 17) * 300,
    status: 'success',
    input_tokens: inputTokens,
    output_tokens: Math.ceil(inputTokens / 5),
  }))
  // the spike is a surge, not a default: the customer tops up first when its balance would not cover it
  // (its regular funding is sized to its regular traffic, so how much is left depends on the hour of seeding)
  const balances = await db
    .from('ledger_accounts')
    .where({ owner_type: 'customer', owner_id: key.customer_id })
    .whereIn('code', ['cash', 'gift'])
    .sum('balance as total')
    .first()
  const spendable = Number(balances?.total ?? 0) / 1e6
  const shortfall = target * 1.2 * 1.25 - spendable
  if (shortfall > 0) {
    const dollars = Math.ceil(shortfall / 10) * 10
    await transaction((trx) => seedRecharges(trx, [{ customerId: Number(key.customer_id), dollars, paidAt: new Date(now.getTime() - HOUR) }], SYSTEM_ACTOR))
  }
  const billed = await transaction((trx) => ingestUsage.handle({ records }, { trx, actor: SYSTEM_ACTOR, facts: FACTS }))
  const { raised } = await runAnomalyDetection(now)
  console.log(`  Demo risk alerts: a spike of ${billed.billed} requests on key "${key.name}" raised ${raised.length} alert(s)`)
  return { keyId: Number(key.id), customerId: Number(key.customer_id), billed: billed.billed, raised }
}
