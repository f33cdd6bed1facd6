/**
 * Everything a usage batch needs from the catalog, read in bulk: one query per table per batch
 * (keys, customers with their multipliers, models, channels, channel costs, price versions),
 * never one per record. Then each record is resolved in memory.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { BillingUnit } from '#contract/usage'
import type { UsageRecordInput } from '#validators/usage'
import { costRatesOf, multipliersFor, ratesOf, type PriceVersionRow, type Rates } from './pricing.js'

type Model = { id: number; code: string; billingUnit: BillingUnit }
type Version = { id: number; at: number; rates: Rates }

export type Catalog = {
  keys: Map<number, number>
  multipliers: Map<number, string>
  models: Map<string, Model>
  channelsById: Map<number, number>
  channelsByName: Map<string, number>
  costs: Map<string, Rates>
  versions: Map<number, Version[]>
}

export type Resolved = {
  customerId: number
  apiKeyId: number | null
  model: Model
  channelId: number | null
  version: Version
  multiplier: string
  costs: Rates | null
}

const ids = (values: Iterable<number>) => [...new Set(values)].map(String)

export async function loadCatalog(client: QueryClientContract, records: UsageRecordInput[]): Promise<Catalog> {
  const keyIds = ids(records.flatMap((r) => (r.apiKeyId === null ? [] : [r.apiKeyId])))
  const keys = keyIds.length ? (await client.rawQuery('SELECT id, customer_id FROM api_keys WHERE id = ANY(?::bigint[])', [keyIds])).rows : []
  const keyOwners = new Map<number, number>(keys.map((k: any) => [Number(k.id), Number(k.customer_id)]))

  const customerIds = new Set<number>(records.flatMap((r) => (r.customerId === null ? [] : [r.customerId])))
  for (const owner of keyOwners.values()) customerIds.add(owner)
  const multipliers = await multipliersFor(client, [...customerIds])

  const codes = [...new Set(records.map((r) => r.model))]
  const modelRows = (await client.rawQuery('SELECT id, code, billing_unit FROM usage_models WHERE code = ANY(?::text[])', [codes])).rows
  const models = new Map<string, Model>(modelRows.map((m: any) => [m.code, { id: Number(m.id), code: m.code, billingUnit: m.billing_unit }]))

  const channelIds = ids(records.flatMap((r) => (r.channel && 'id' in r.channel ? [r.channel.id] : [])))
  const channelNames = [...new Set(records.flatMap((r) => (r.channel && 'name' in r.channel ? [r.channel.name] : [])))]
  const channelRows = channelIds.length || channelNames.length
    ? (await client.rawQuery('SELECT id, name FROM channels WHERE id = ANY(?::bigint[]) OR name = ANY(?::text[])', [channelIds, channelNames])).rows
    : []

  const modelIds = ids([...models.values()].map((m) => m.id))
  const costs = new Map<string, Rates>()
  if (modelIds.length && channelRows.length) {
    const { rows } = await client.rawQuery(
      `SELECT channel_id, model_id, input_cost, output_cost, cache_read_cost, cache_write_cost, unit_cost
         FROM channel_models WHERE channel_id = ANY(?::bigint[]) AND model_id = ANY(?::bigint[])`,
      [ids(channelRows.map((c: any) => Number(c.id))), modelIds]
    )
    for (const row of rows) costs.set(`${row.channel_id}:${row.model_id}`, costRatesOf(row)!)
  }

  const versions = new Map<number, Version[]>()
  if (modelIds.length) {
    const latest = new Date(Math.max(...records.map((r) => r.startedAt.getTime())))
    const { rows } = await client.rawQuery(
      `SELECT id, model_id, input_price, output_price, cache_read_price, cache_write_price, unit_price, effective_at
         FROM price_versions WHERE model_id = ANY(?::bigint[]) AND effective_at <= ?
        ORDER BY model_id, effective_at DESC, id DESC`,
      [modelIds, latest]
    )
    for (const row of rows as PriceVersionRow[]) {
      const list = versions.get(Number(row.model_id)) ?? versions.set(Number(row.model_id), []).get(Number(row.model_id))!
      list.push({ id: Number(row.id), at: new Date(row.effective_at).getTime(), rates: ratesOf(row) })
    }
  }

  return {
    keys: keyOwners,
    multipliers,
    models,
    channelsById: new Map(channelRows.map((c: any) => [Number(c.id), Number(c.id)])),
    channelsByName: new Map(channelRows.map((c: any) => [c.name, Number(c.id)])),
    costs,
    versions,
  }
}

/** The record's customer, key, model, channel, price version and multiplier, or why it cannot be billed. */
export function resolve(catalog: Catalog, record: UsageRecordInput): Resolved | { reason: string } {
  let customerId = record.customerId
  if (record.apiKeyId !== null) {
    const owner = catalog.keys.get(record.apiKeyId)
    if (owner === undefined) return { reason: `unknown API key ${record.apiKeyId}` }
    if (customerId !== null && customerId !== owner) return { reason: `API key ${record.apiKeyId} does not belong to customer ${customerId}` }
    customerId = owner
  }
  const multiplier = catalog.multipliers.get(customerId!)
  if (multiplier === undefined) return { reason: `unknown customer ${customerId}` }
  const model = catalog.models.get(record.model)
  if (!model) return { reason: `unknown model "${record.model}"` }
  let channelId: number | null = null
  if (record.channel) {
    const found = 'id' in record.channel ? catalog.channelsById.get(record.channel.id) : catalog.channelsByName.get(record.channel.name)
    if (found === undefined) return { reason: `unknown channel ${'id' in record.channel ? record.channel.id : `"${record.channel.name}"`}` }
    channelId = found
  }
  const at = record.startedAt.getTime()
  const version = catalog.versions.get(model.id)?.find((v) => v.at <= at)
  if (!version) return { reason: `model "${model.code}" had no price in force at ${record.startedAt.toISOString()}` }
  const costs = channelId === null ? null : (catalog.costs.get(`${channelId}:${model.id}`) ?? null)
  return { customerId: customerId!, apiKeyId: record.apiKeyId, model, channelId, version, multiplier, costs }
}
