/** Usage ingestion helpers for tests: a priced model on a channel, API keys, records and the endpoint. */
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { Agent } from './agent.js'
import { newKey } from '#services/api_keys/key_material'

let seq = 0
export const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`

type Prices = { input_price?: string; output_price?: string; cache_read_price?: string; cache_write_price?: string; unit_price?: string }
type Costs = { input_cost?: string; output_cost?: string; cache_read_cost?: string; cache_write_cost?: string; unit_cost?: string }

/** A model with one price version (effective long ago) served by a fresh channel at `costs`. */
export async function pricedModel(opts: { billingUnit?: string; prices?: Prices; costs?: Costs | null; effectiveAt?: Date } = {}) {
  const code = `m-${uniq()}`
  const [model] = await db
    .table('usage_models')
    .insert({ code, name: `Model ${code}`, vendor: 'Acme', kind: opts.billingUnit && opts.billingUnit !== 'per_1m_tokens' ? 'video' : 'text', billing_unit: opts.billingUnit ?? 'per_1m_tokens' })
    .returning('*')
  const prices = opts.prices ?? { input_price: '2', output_price: '8', cache_read_price: '0.5', cache_write_price: '2.5' }
  const version = await addPriceVersion(Number(model.id), prices, opts.effectiveAt ?? new Date('2020-01-01T00:00:00Z'))
  const [channel] = await db.table('channels').insert({ name: `ch-${uniq()}`, type: 'openai', base_url: 'https://upstream.test' }).returning('*')
  if (opts.costs !== null) {
    await db.table('channel_models').insert({ channel_id: channel.id, model_id: model.id, ...(opts.costs ?? { input_cost: '1', output_cost: '4', cache_read_cost: '0.25', cache_write_cost: '1.25' }) })
  }
  return { model: { ...model, id: Number(model.id) }, channel: { ...channel, id: Number(channel.id) }, version }
}

export async function addPriceVersion(modelId: number, prices: Prices, effectiveAt: Date) {
  const last = await db.from('price_versions').where('model_id', modelId).max('version as v').first()
  const [row] = await db
    .table('price_versions')
    .insert({ model_id: modelId, version: Number(last?.v ?? 0) + 1, ...prices, effective_at: effectiveAt, after: JSON.stringify(prices) })
    .returning('*')
  return row
}

/** An enabled key of the customer; `secret` is the full key a gateway would send. */
export async function apiKey(customerId: number) {
  const { key, prefix, hash } = newKey()
  const [row] = await db.table('api_keys').insert({ customer_id: customerId, name: `key ${prefix}`, prefix, secret_hash: hash }).returning('*')
  return { ...row, id: Number(row.id), secret: key }
}

/** A usage record in the wire shape; started a minute ago unless told. */
export function usageRecord(over: Record<string, unknown>) {
  return { request_id: `req-${uniq()}`, started_at: new Date(Date.now() - 60_000).toISOString(), status: 'success', latency_ms: 420, ...over }
}

const service = { authorization: `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` }
export const ingest = (body: unknown) => new Agent().request('POST', '/api/internal/usage', body, service)

export const usageRows = (requestIds: string[]) => db.from('usage_records').whereIn('request_id', requestIds).orderBy('id')
export const usagePostings = (customerId: number) => db.from('ledger_transactions').where({ customer_id: customerId, type: 'usage_charge' }).orderBy('id')
