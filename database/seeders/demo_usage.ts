/**
 * Demo usage data (a fresh development database only, after the customers of demo.ts): the
 * price catalog with its history, three channels with cost prices and two encrypted upstream
 * keys each, tier multipliers, API keys for ten demo customers, their recharges (bank transfers
 * credited through the order path) and ~60 days of their traffic billed through the usage
 * ingestion use case in batches of 1,000 — so usage rows, ledger postings, key spend and wallets
 * agree exactly as they would in production. One customer was under-funded and ends in arrears.
 *
 * Deterministic: the same seed gives the same catalog, keys and traffic (times are relative to
 * the moment of seeding). The demo key printed in the start banner is derived from the seed too.
 *
 * It runs before the server listens, on the first `npm start` only: ≈194k requests billed in
 * 27–29 s on 2 cores (the whole first boot 30–35 s), short enough not to move it to the
 * background, where the first screens would show half-seeded data. SEED_DEMO_USAGE=false skips it.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { SYSTEM_ACTOR, type Actor } from '#services/audit'
import db from '@adonisjs/lucid/services/db'
import { transaction } from '#services/transaction'
import { hashKey } from '#services/api_keys/key_material'
import { addPriceVersion } from '#services/catalog/prices'
import { newKeyValues } from '#services/catalog/upstream_keys'
import { DEMO_CHANNELS, DEMO_MODELS, DEMO_TIER_MULTIPLIERS, type DemoModel, type TokenPrices } from './demo_usage_catalog.js'
import { demoSecret, fundingOrders, seedDemoCustomers, seedRecharges } from './demo_usage_customers.js'
import { generateTraffic, prng, type DemoRecord } from './demo_usage_traffic.js'
import ingestUsage from '#actions/usage/ingest_usage'
import { seedDemoGenerations } from './demo_usage_generations.js'

const SEED = 20261127
const DAYS = 60
const BATCH = 1000
const DAY = 86_400_000
const FACTS = { ip: null, userAgent: 'demo seed', requestId: 'seed' }

/* ---------- exact decimals (numeric(30,12)) ---------- */
const SCALE12 = 10n ** 12n
const toMicro12 = (value: string) => {
  const [whole, fraction = ''] = value.split('.')
  return BigInt(whole) * SCALE12 + BigInt((fraction + '0'.repeat(12)).slice(0, 12))
}
const fromMicro12 = (units: bigint) => `${units / SCALE12}.${(units % SCALE12).toString().padStart(12, '0')}`
const times = (price: string | undefined, ratio: string) => (price === undefined ? null : fromMicro12((toMicro12(price) * toMicro12(ratio)) / SCALE12))

function priceColumns(price: DemoModel['price']) {
  if ('unit' in price) return { input_price: null, output_price: null, cache_read_price: null, cache_write_price: null, unit_price: price.unit }
  return { input_price: price.input, output_price: price.output, cache_read_price: price.cacheRead ?? null, cache_write_price: price.cacheWrite ?? null, unit_price: null }
}

/* ---------- catalog ---------- */
export async function seedCatalog(trx: TransactionClientContract, now: number, random: () => number) {
  const finance = await trx.from('staff').where('email', 'finance@demo.local').first()
  const actor: Actor = finance ? { type: 'staff', id: finance.id, label: finance.email, role: 'finance' } : SYSTEM_ACTOR
  const modelIds = new Map<string, number>()
  for (const model of DEMO_MODELS) {
    const created = new Date(now - 90 * DAY)
    const [row] = await trx
      .insertQuery()
      .table('usage_models')
      .insert({ code: model.code, name: model.name, vendor: model.vendor, kind: model.kind, billing_unit: model.unit, created_at: created, updated_at: created })
      .returning('id')
    modelIds.set(model.code, Number(row.id))
    const versions = model.history
      ? [
          { price: model.history.price, at: created, reason: 'Initial price list' },
          { price: model.price, at: new Date(now - model.history.daysAgo * DAY), reason: model.history.reason },
        ]
      : [{ price: model.price, at: created, reason: 'Initial price list' }]
    for (const version of versions) {
      await addPriceVersion(trx, { id: row.id, billing_unit: model.unit }, { prices: priceColumns(version.price), effectiveAt: version.at, reason: version.reason }, actor)
    }
  }

  for (const [tier, multiplier] of Object.entries(DEMO_TIER_MULTIPLIERS)) {
    await trx.from('tiers').where('code', tier).update({ price_multiplier: multiplier, updated_by: finance?.id ?? null })
  }

  const channelIds = new Map<string, number>()
  for (const [c, channel] of DEMO_CHANNELS.entries()) {
    const [row] = await trx
      .insertQuery()
      .table('channels')
      .insert({
        name: channel.name,
        type: channel.type,
        base_url: channel.base_url,
        priority: channel.priority,
        weight: channel.weight,
        balance: BigInt(4_000 + c * 7_150) * 1_000_000n,
        balance_updated_at: new Date(now - 3_600_000),
        last_health_check_at: new Date(now - 120_000),
        last_health_status: c === 2 ? 'degraded' : 'ok',
        created_at: new Date(now - 90 * DAY),
      })
      .returning('id')
    channelIds.set(channel.name, Number(row.id))
    const served = DEMO_MODELS.filter((m) => (m.channels as string[]).includes(channel.name))
    await trx
      .insertQuery()
      .table('channel_models')
      .multiInsert(
        served.map((model) => {
          // cost below every sell price the model ever had
          const cheapest = model.history && priceOf(model.history.price) < priceOf(model.price) ? model.history.price : model.price
          const sell = priceColumns(cheapest)
          return {
            channel_id: row.id,
            model_id: modelIds.get(model.code),
            input_cost: times(sell.input_price ?? undefined, channel.costRatio),
            output_cost: times(sell.output_price ?? undefined, channel.costRatio),
            cache_read_cost: times(sell.cache_read_price ?? undefined, channel.costRatio),
            cache_write_cost: times(sell.cache_write_price ?? undefined, channel.costRatio),
            unit_cost: times(sell.unit_price ?? undefined, channel.costRatio),
          }
        })
      )
    for (const [k, age] of [24, 33].entries()) {
      const secret = channel.keyPrefix + alnum(random, 40)
      const created = new Date(now - age * DAY)
      await trx
        .insertQuery()
        .table('upstream_keys')
        .insert({ ...newKeyValues(row.id, k === 0 ? 'Primary' : 'Secondary', secret, finance?.id ?? null, created), created_at: created, updated_at: created })
    }
  }
  return { modelIds, channelIds }
}

const priceOf = (price: DemoModel['price']) => ('unit' in price ? Number(price.unit) : Number(price.input) + Number(price.output))
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const alnum = (random: () => number, n: number) => Array.from({ length: n }, () => ALNUM[Math.floor(random() * ALNUM.length)]).join('')

/** The demo key shown in the start banner (the first demo customer's production key). */
export function demoApiKey() {
  return demoSecret(prng(SEED + 1)).secret
}

/**
 * Start-banner lines: the demo key, whose customer it is and how a gateway verifies it — only
 * while that key is still in the database (a fresh demo database), never in production.
 */
export async function demoUsageBanner(base: string, serviceToken: string, devToken: string) {
  const key = demoApiKey()
  const row = await db
    .from('api_keys')
    .join('customers', 'customers.id', 'api_keys.customer_id')
    .where('api_keys.secret_hash', hashKey(key))
    .select('customers.email')
    .first()
  if (!row) return []
  const token = serviceToken === devToken ? serviceToken : '$INTERNAL_SERVICE_TOKEN'
  return [
    '',
    `  Demo API key of ${row.email} (portal password as above)`,
    `    ${key}`,
    `    curl -s ${base}/api/internal/keys/verify -H 'Authorization: Bearer ${token}' \\`,
    `      -H 'Content-Type: application/json' -d '{"key":"${key}","model":"gpt-4o-mini","ip":"127.0.0.1"}'`,
  ]
}

/* ---------- price estimate, to size the demo recharges ---------- */
function estimator(now: number) {
  const byCode = new Map(DEMO_MODELS.map((m) => [m.code, m]))
  return (record: DemoRecord, multiplier: number) => {
    const model = byCode.get(record.model)!
    const old = model.history && Date.parse(record.started_at) < now - model.history.daysAgo * DAY
    const price = old ? model.history!.price : model.price
    if ('unit' in price) return Number(record.units) * Number(price.unit) * multiplier
    const p = price as TokenPrices
    const tokens = record.input_tokens * Number(p.input) + record.output_tokens * Number(p.output) + record.cache_read_tokens * Number(p.cacheRead ?? p.input) + record.cache_write_tokens * Number(p.cacheWrite ?? p.input)
    return (tokens / 1e6) * multiplier
  }
}

export type DemoUsageSummary = { records: number; billed: number; rejected: number; customers: number; seconds: number }

/** Seeds it all; `days` shortens the traffic window (tests). */
export async function seedDemoUsage({ days = DAYS } = {}): Promise<DemoUsageSummary> {
  const started = Date.now()
  const now = Math.floor(started / 60_000) * 60_000
  const random = prng(SEED)
  const actor: Actor = SYSTEM_ACTOR

  const { profiles, multipliers, keyUpdates } = await transaction(async (trx) => {
    await seedCatalog(trx, now, random)
    return seedDemoCustomers(trx, now, prng(SEED + 1))
  })
  const traffic = { days, end: new Date(now), seed: SEED + 2, batchSize: BATCH }

  // what each customer will be charged, to size their recharges (one under-funded on purpose)
  const estimate = estimator(now)
  const spend = new Map<number, number>()
  await generateTraffic(profiles, traffic, async (records) => {
    for (const r of records) spend.set(r.customer_id, (spend.get(r.customer_id) ?? 0) + estimate(r, multipliers.get(r.customer_id) ?? 1))
  })
  await transaction((trx) => seedRecharges(trx, fundingOrders(profiles, spend, now), actor))

  let billed = 0
  let rejected = 0
  const reasons = new Map<string, number>()
  const records = await generateTraffic(profiles, traffic, async (batch) => {
    const result = await transaction((trx) => ingestUsage.handle({ records: batch }, { trx, actor, facts: FACTS }))
    billed += result.billed
    rejected += result.rejected
    for (const r of result.results) if (r.outcome === 'rejected') reasons.set(String(r.reason), (reasons.get(String(r.reason)) ?? 0) + 1)
  })
  if (rejected) console.warn(`demo usage: ${rejected} records rejected: ${JSON.stringify(Object.fromEntries(reasons))}`)

  const staff = await db.from('staff').where('email', 'ops@demo.local').first()
  const ops: Actor = staff ? { type: 'staff', id: staff.id, label: staff.email, role: 'operations' } : actor
  // video jobs from the studio (both its keys) and the pro team's production key
  const jobs = ([[1, 0], [1, 1], [2, 0]] as const).flatMap(([p, k]) => (profiles[p]?.keys[k] ? [{ customerId: profiles[p].customerId, apiKeyId: profiles[p].keys[k].id }] : []))
  await seedDemoGenerations(jobs, 40, now, prng(SEED + 3), ops, actor)

  // keys whose story happened after their traffic: disabled, leak-locked, expired
  await transaction(async (trx) => {
    for (const update of keyUpdates) await trx.from('api_keys').where('id', update.id).update(update.set)
    await trx.rawQuery(
      `UPDATE upstream_keys k SET request_count = s.n * (CASE WHEN k.name = 'Primary' THEN 3 ELSE 1 END) / 4,
              error_count = s.errors * (CASE WHEN k.name = 'Primary' THEN 3 ELSE 1 END) / 4, last_used_at = s.last
       FROM (SELECT channel_id, count(*) AS n, count(*) FILTER (WHERE status = 'error') AS errors, max(started_at) AS last
             FROM usage_records GROUP BY channel_id) s
       WHERE s.channel_id = k.channel_id`
    )
  })
  const seconds = (Date.now() - started) / 1000
  console.log(`  Demo usage: ${records.toLocaleString('en-US')} requests over ${days} days for ${profiles.length} customers, billed in ${seconds.toFixed(1)} s`)
  return { records, billed, rejected, customers: profiles.length, seconds }
}

