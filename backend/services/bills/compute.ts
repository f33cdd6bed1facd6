/**
 * A bill's (or a statement's) lines and deduction order, computed from the ledger of the period:
 *
 * - usage lines: Σ usage_records.charged by model over the period's `usage_charge` postings (with
 *   the tokens or units, requests and provider cost); an amount the records do not itemise (they
 *   should always add up — reconciliation reports it) is kept as an "other" line, so the lines
 *   always add up to the ledger;
 * - hold captures (generations) by model, from `usage_capture` postings;
 * - adjustments by type: cash adjustments, reversals of charges, failed generations refunded
 *   (negative when they gave money back).
 *
 * The deduction order (gift / cash / credit) is deduction.ts.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { ledgerDebited, periodPostings, type PeriodPosting } from './ledger_period.js'
import { capturedHolds, holdIdOf } from './holds.js'
import { deductionOrder } from './deduction.js'
import type { Period } from './periods.js'

export type ComputedLine = {
  kind: 'usage' | 'hold_capture' | 'adjustment' | 'other'
  modelId: number | null
  description: { 'en': string; 'zh-CN': string }
  quantity: string
  unit: string | null
  requests: bigint
  amount: bigint
  cost: bigint
}

export type Computed = { lines: ComputedLine[]; subtotal: bigint; coveredGift: bigint; coveredCash: bigint; onCredit: bigint; arrears: bigint; ledgerDebited: bigint }

const UNIT_NAMES: Record<string, string> = { per_1m_tokens: 'tokens', per_request: 'requests', per_second: 'seconds', per_image: 'images' }
const ADJUSTMENTS: Record<string, { 'en': string; 'zh-CN': string }> = {
  cash_adjustment: { 'en': 'Cash adjustments', 'zh-CN': '余额调整' },
  reversal: { 'en': 'Charges reversed', 'zh-CN': '扣费冲正' },
  generation_refund: { 'en': 'Failed generations refunded', 'zh-CN': '失败任务退还' },
}

export async function computePeriod(client: QueryClientContract, customerId: number, period: Period): Promise<Computed> {
  const postings = await periodPostings(client, customerId, period)
  const lines: ComputedLine[] = [...(await usageLines(client, customerId, period, postings)), ...(await captureLines(client, postings))]
  for (const [type, description] of Object.entries(ADJUSTMENTS)) {
    const of = postings.filter((p) => p.type === type)
    if (of.length) lines.push({ kind: 'adjustment', modelId: null, description, quantity: '0', unit: null, requests: BigInt(of.length), amount: -of.reduce((s, p) => s + p.net, 0n), cost: 0n })
  }
  const split = await deductionOrder(client, postings)
  const subtotal = lines.reduce((s, l) => s + l.amount, 0n)
  return { lines, subtotal, ...split, ledgerDebited: ledgerDebited(postings) }
}

async function usageLines(client: QueryClientContract, customerId: number, period: Period, postings: PeriodPosting[]): Promise<ComputedLine[]> {
  const charges = postings.filter((p) => p.type === 'usage_charge')
  if (!charges.length) return []
  const rows = await client
    .from('usage_records as r')
    .join('usage_models as m', 'm.id', 'r.model_id')
    .where('r.customer_id', customerId)
    .where('r.started_at', '<', period.end)
    .whereIn('r.ledger_transaction_id', charges.map((p) => p.id))
    .groupBy('r.model_id', 'm.name', 'm.billing_unit')
    .orderBy('m.name')
    .select('r.model_id', 'm.name', 'm.billing_unit')
    .select(client.raw('sum(r.charged)::text as charged, sum(r.cost)::text as cost, count(*)::text as requests'))
    .select(client.raw('sum(r.input_tokens + r.output_tokens + r.cache_read_tokens + r.cache_write_tokens)::text as tokens, sum(r.units)::text as units'))
  const lines: ComputedLine[] = rows.map((r) => ({
    kind: 'usage',
    modelId: Number(r.model_id),
    description: { 'en': r.name, 'zh-CN': r.name },
    quantity: r.billing_unit === 'per_1m_tokens' ? r.tokens : r.units,
    unit: UNIT_NAMES[r.billing_unit] ?? r.billing_unit,
    requests: BigInt(r.requests),
    amount: BigInt(r.charged),
    cost: BigInt(r.cost),
  }))
  const posted = charges.reduce((s, p) => s - p.net, 0n)
  const itemised = lines.reduce((s, l) => s + l.amount, 0n)
  if (posted !== itemised) {
    lines.push({ kind: 'other', modelId: null, description: { 'en': 'Usage not itemised by request', 'zh-CN': '未逐笔列明的用量' }, quantity: '0', unit: null, requests: 0n, amount: posted - itemised, cost: 0n })
  }
  return lines
}

async function captureLines(client: QueryClientContract, postings: PeriodPosting[]): Promise<ComputedLine[]> {
  const holds = await capturedHolds(client, postings)
  const byModel = new Map<string, ComputedLine>()
  for (const p of postings.filter((x) => x.type === 'usage_capture')) {
    const hold = holds.get(holdIdOf(p.key))
    const key = String(hold?.model_id ?? 'none')
    const line = byModel.get(key) ?? {
      kind: 'hold_capture' as const,
      modelId: hold?.model_id ? Number(hold.model_id) : null,
      description: hold?.name ? { 'en': `${hold.name} (generations)`, 'zh-CN': `${hold.name}（生成任务）` } : { 'en': 'Generations', 'zh-CN': '生成任务' },
      quantity: '0',
      unit: hold?.billing_unit ? (UNIT_NAMES[hold.billing_unit] ?? hold.billing_unit) : null,
      requests: 0n,
      amount: 0n,
      cost: 0n,
    }
    line.requests += 1n
    line.amount -= p.net
    line.quantity = addDecimal(line.quantity, String(hold?.units ?? '0'))
    byModel.set(key, line)
  }
  return [...byModel.values()]
}

/** Exact sum of two non-negative decimals with up to 6 places. */
function addDecimal(a: string, b: string) {
  const toMicros = (x: string) => {
    const [i, f = ''] = x.split('.')
    return BigInt(i) * 1_000_000n + BigInt(f.padEnd(6, '0').slice(0, 6))
  }
  const sum = toMicros(a) + toMicros(b)
  const frac = (sum % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '')
  return `${sum / 1_000_000n}${frac ? `.${frac}` : ''}`
}
