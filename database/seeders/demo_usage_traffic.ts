/**
 * Deterministic demo traffic: what a gateway would have reported for the demo customers over
 * the past `days` days, as usage records in the ingestion shape, in time order.
 *
 * Shape: more requests on weekdays and in the afternoon (UTC, an Asia + Europe + US mix), each
 * customer with its own volume, growth and model mix; token counts spread log-normally; ~2 %
 * upstream errors with zero tokens, ~1 % cancelled streams (billed for what was delivered), prompt
 * cache reads on about a third of the calls to models that price them. The same seed gives the
 * same records, so screenshots and tests see the same data.
 */
import type { ModelKind } from '#contract/usage'
import { DEMO_MODELS, type DemoModel, type TokenPrices } from './demo_usage_catalog.js'

/** mulberry32: a small, good-enough seeded PRNG. */
export function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type TrafficProfile = {
  customerId: number
  /** Requests on an average weekday at the end of the window. */
  perDay: number
  /** Share of requests per kind. */
  mix: Partial<Record<ModelKind, number>>
  /** Volume at the start of the window relative to the end (0.5 = doubled over the window). */
  growth: number
  /** Days ago the customer started calling (default: the whole window). */
  since?: number
  /** Keys the traffic comes through, with their shares. */
  keys: Array<{ id: number; share: number; models?: string[] }>
}

export type DemoRecord = {
  request_id: string
  api_key_id: number
  customer_id: number
  model: string
  channel: string
  started_at: string
  latency_ms: number
  status: 'success' | 'error' | 'cancelled'
  input_tokens: number
  output_tokens: number
  cache_read_tokens: number
  cache_write_tokens: number
  units: string
  upstream_request_id: string | null
  job_id: string | null
}

// requests per hour of the UTC day (Asia's working day, then Europe's, then the US)
const HOURS = [3, 4, 6, 7, 8, 8, 7, 6, 6, 7, 7, 6, 6, 7, 8, 9, 9, 8, 7, 5, 4, 3, 3, 3]
const HOUR_TOTAL = HOURS.reduce((a, b) => a + b, 0)
const DAY = 86_400_000

type Random = () => number

function weighted<T>(random: Random, items: T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0)
  let at = random() * total
  for (const item of items) if ((at -= weight(item)) < 0) return item
  return items[items.length - 1]
}

/** A log-normal count around `median`, clamped to [min, max]. */
function spread(random: Random, median: number, sigma: number, min: number, max: number) {
  const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  return Math.max(min, Math.min(max, Math.round(median * Math.exp(sigma * gauss))))
}

const hex = (random: Random, length: number) => {
  let out = ''
  while (out.length < length) out += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0')
  return out.slice(0, length)
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const alnum = (random: Random, length: number) => Array.from({ length }, () => ALNUM[Math.floor(random() * ALNUM.length)]).join('')

function upstreamId(random: Random, model: DemoModel, channel: string) {
  if (channel === 'Relay Hub Asia') return `rh-${hex(random, 24)}`
  if (channel.startsWith('Vertex')) return `${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 12)}`
  return model.kind === 'text' ? `chatcmpl-${alnum(random, 29)}` : `req_${hex(random, 32)}`
}

/** What the request consumed, by what the model bills. */
function consumption(random: Random, model: DemoModel) {
  const zero = { input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, units: '0', latency_ms: 0 }
  if (model.unit === 'per_1m_tokens') {
    const prices = model.price as TokenPrices
    if (model.kind === 'audio') {
      const speech = prices.output === '0' // text to speech: characters in, audio out
      const input = speech ? spread(random, 600, 0.9, 20, 4096) : spread(random, 1800, 0.8, 100, 25_000)
      const output = speech ? 0 : Math.round(input * (0.15 + random() * 0.2))
      return { ...zero, input_tokens: input, output_tokens: output, latency_ms: 400 + Math.round(input * (0.3 + random())) }
    }
    let input = spread(random, 1400, 1.1, 12, 120_000)
    const output = spread(random, 380, 0.9, 1, 16_000)
    let cacheRead = 0
    let cacheWrite = 0
    if (prices.cacheRead && random() < 0.35) {
      cacheRead = Math.round(input * (1 + random() * 4))
      input = Math.max(8, Math.round(input * 0.2))
    }
    if (prices.cacheWrite && !cacheRead && random() < 0.12) cacheWrite = spread(random, 2500, 0.6, 1024, 60_000)
    return { ...zero, input_tokens: input, output_tokens: output, cache_read_tokens: cacheRead, cache_write_tokens: cacheWrite, latency_ms: 250 + Math.round(output * (8 + random() * 14)) }
  }
  if (model.unit === 'per_image') {
    const images = weighted(random, [1, 2, 4], (n) => (n === 1 ? 8 : n === 2 ? 2 : 1))
    return { ...zero, units: String(images), latency_ms: images * (4000 + Math.round(random() * 9000)) }
  }
  if (model.unit === 'per_second' && model.kind === 'video') {
    const seconds = model.code.startsWith('veo') ? 8 : weighted(random, [4, 5, 6, 8, 10], (s) => (s === 5 || s === 10 ? 3 : 1))
    return { ...zero, units: String(seconds), latency_ms: 40_000 + seconds * Math.round(6000 + random() * 18_000) }
  }
  if (model.unit === 'per_second') {
    const seconds = (spread(random, 95, 1.2, 2, 3600) + Math.floor(random() * 1000) / 1000).toFixed(3) // transcription of an audio file
    return { ...zero, units: seconds, latency_ms: 300 + Math.round(Number(seconds) * (40 + random() * 60)) }
  }
  return { ...zero, units: '1', latency_ms: 20_000 + Math.round(random() * 60_000) } // per request (a song)
}

/**
 * Calls `flush` with the records in time order, `batchSize` at a time (the last batch may be
 * smaller). `end` is the window's end; no record is later than it.
 */
export async function generateTraffic(
  profiles: TrafficProfile[],
  { days, end, seed, batchSize }: { days: number; end: Date; seed: number; batchSize: number },
  flush: (records: DemoRecord[]) => Promise<void>
) {
  const random = prng(seed)
  const dayStart = Math.floor(end.getTime() / DAY) * DAY
  const byKind = new Map<ModelKind, DemoModel[]>()
  for (const model of DEMO_MODELS) byKind.set(model.kind, [...(byKind.get(model.kind) ?? []), model])
  let pending: DemoRecord[] = []
  let total = 0

  for (let d = days; d >= 0; d--) {
    const midnight = dayStart - d * DAY
    const weekday = new Date(midnight).getUTCDay()
    const dayFactor = weekday === 0 || weekday === 6 ? 0.55 : 1
    const today: DemoRecord[] = []
    for (const profile of profiles) {
      if (d > (profile.since ?? days)) continue
      const progress = 1 - d / days
      const count = Math.round(profile.perDay * dayFactor * (profile.growth + (1 - profile.growth) * progress) * (0.85 + random() * 0.3))
      for (let i = 0; i < count; i++) {
        const hour = weighted(random, HOURS.map((_, h) => h), (h) => HOURS[h] / HOUR_TOTAL)
        const at = midnight + hour * 3_600_000 + Math.floor(random() * 3_600_000)
        if (at > end.getTime() - 60_000) continue
        const key = weighted(random, profile.keys, (k) => k.share)
        const kinds = Object.entries(profile.mix) as Array<[ModelKind, number]>
        const kind = weighted(random, kinds, ([, share]) => share)[0]
        const candidates = byKind.get(kind)!.filter((m) => !key.models || key.models.includes(m.code))
        const model = weighted(random, candidates.length ? candidates : byKind.get(kind)!, (m) => m.weight)
        const channel = model.channels.length > 1 && random() < 0.15 ? model.channels[1] : model.channels[0]
        const roll = random()
        const status = roll < 0.02 ? 'error' : roll < 0.03 ? 'cancelled' : 'success'
        let used = consumption(random, model)
        if (status === 'error') {
          used = { input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, units: '0', latency_ms: 80 + Math.floor(random() * 2500) }
        } else if (status === 'cancelled') {
          // a stream stopped by the client: what was delivered before the stop is billed
          used = model.unit === 'per_1m_tokens' ? { ...used, output_tokens: Math.floor(used.output_tokens * random() * 0.5), latency_ms: Math.floor(used.latency_ms * 0.4) } : { ...used, units: '0', latency_ms: Math.floor(used.latency_ms * 0.3) }
        }
        today.push({
          request_id: `req_${hex(random, 24)}`,
          api_key_id: key.id,
          customer_id: profile.customerId,
          model: model.code,
          channel,
          started_at: new Date(at).toISOString(),
          latency_ms: used.latency_ms,
          status,
          input_tokens: used.input_tokens,
          output_tokens: used.output_tokens,
          cache_read_tokens: used.cache_read_tokens,
          cache_write_tokens: used.cache_write_tokens,
          units: used.units,
          upstream_request_id: status === 'error' && random() < 0.5 ? null : upstreamId(random, model, channel),
          job_id: model.kind === 'video' ? `job_${hex(random, 16)}` : null,
        })
      }
    }
    today.sort((a, b) => (a.started_at < b.started_at ? -1 : a.started_at > b.started_at ? 1 : 0))
    for (const record of today) {
      pending.push(record)
      if (pending.length === batchSize) {
        total += pending.length
        await flush(pending)
        pending = []
      }
    }
  }
  if (pending.length) {
    total += pending.length
    await flush(pending)
  }
  return total
}
