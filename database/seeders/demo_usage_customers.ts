/**
 * The demo customers who call the API: who they are (picked from demo.ts's customers by tier),
 * how much and what they call, their API keys (limits, allowed models, one disabled, one
 * leak-locked, one expired) and the bank transfers that funded them — sized from their
 * estimated spend, one customer on purpose too little, so arrears can be seen.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import payments, { CURRENCY_SCALE } from '#config/payments'
import { LEDGER_SCALE, parseUnits } from '#contract/money'
import audit, { type Actor } from '#services/audit'
import { creditOrder } from '#services/orders/credit_order'
import { PREFIX_LENGTH, base58, hashKey } from '#services/api_keys/key_material'
import type { OrderRow } from '#services/orders/rows'
import { DEMO_TIER_MULTIPLIERS } from './demo_usage_catalog.js'
import type { TrafficProfile } from './demo_usage_traffic.js'

type KeyPlan = {
  name: string
  share: number
  models?: string[]
  limits?: { rpm_limit?: number; tpm_limit?: number; daily_spend_cap?: bigint; monthly_spend_cap?: bigint; ip_allowlist?: string[] }
  /** What happened to the key after its traffic. */
  then?: 'disable' | 'lock' | 'expire'
}
type CustomerPlan = Omit<TrafficProfile, 'customerId' | 'keys'> & {
  tier: keyof typeof DEMO_TIER_MULTIPLIERS
  /** Recharged in total, relative to the estimated spend (< 1 ends in arrears). */
  funding: number
  /** A negotiated per-customer price multiplier. */
  multiplier?: string
  keys: KeyPlan[]
}

const USD = (dollars: number) => BigInt(dollars) * 10n ** BigInt(LEDGER_SCALE)

const PLANS: CustomerPlan[] = [
  // the first key of the first customer is the banner's demo key: enabled, unrestricted, funded
  { tier: 'enterprise', perDay: 1500, mix: { text: 0.88, image: 0.07, audio: 0.05 }, growth: 0.6, funding: 1.5, multiplier: '0.7500',
    keys: [{ name: 'Production', share: 0.8 }, { name: 'Staging', share: 0.2, models: ['gpt-4o-mini', 'deepseek-v3', 'gemini-2.5-flash', 'claude-haiku-3.5', 'dall-e-3', 'whisper-1', 'tts-1'], limits: { rpm_limit: 600, tpm_limit: 200_000 } }, { name: 'Old CI key', share: 0.02, then: 'disable' }] },
  { tier: 'enterprise', perDay: 320, mix: { video: 0.55, image: 0.35, audio: 0.1 }, growth: 0.8, funding: 1.3,
    keys: [{ name: 'Render farm', share: 0.7, limits: { monthly_spend_cap: USD(50_000) } }, { name: 'Studio app', share: 0.3, limits: { ip_allowlist: ['203.0.113.0/24', '198.51.100.7/32'] } }] },
  { tier: 'pro', perDay: 850, mix: { text: 0.7, image: 0.2, audio: 0.1 }, growth: 0.9, funding: 2,
    keys: [{ name: 'chatbot-prod', share: 0.75, limits: { rpm_limit: 3000 } }, { name: 'batch-jobs', share: 0.25, limits: { daily_spend_cap: USD(400) } }, { name: 'laptop (leaked)', share: 0.01, then: 'lock' }] },
  { tier: 'pro', perDay: 520, mix: { text: 1 }, growth: 0.5, funding: 1.4, keys: [{ name: 'default', share: 1 }] },
  // spent more than it paid for: the end of its traffic becomes arrears
  { tier: 'pro', perDay: 190, mix: { text: 0.5, video: 0.2, image: 0.3 }, growth: 1, funding: 0.7, keys: [{ name: 'main', share: 1 }] },
  { tier: 'basic', perDay: 420, mix: { audio: 0.85, text: 0.15 }, growth: 0.85, funding: 1.5,
    keys: [{ name: 'transcriber', share: 0.9, models: ['whisper-1', 'gpt-4o-transcribe', 'chirp-3', 'gpt-4o-mini', 'deepseek-v3', 'gpt-4o-mini-tts', 'tts-1'] }, { name: 'trial key', share: 0.1, then: 'expire' }] },
  { tier: 'basic', perDay: 260, mix: { text: 0.8, image: 0.2 }, growth: 0.7, funding: 1.8, keys: [{ name: 'my app', share: 1, limits: { monthly_spend_cap: USD(300) } }] },
  { tier: 'free', perDay: 80, mix: { text: 0.6, image: 0.4 }, growth: 1, funding: 3, keys: [{ name: 'hobby', share: 1 }] },
  { tier: 'free', perDay: 55, mix: { image: 1 }, growth: 0.9, funding: 2.5, keys: [{ name: 'art bot', share: 1 }] },
  { tier: 'free', perDay: 120, mix: { text: 1 }, growth: 1, since: 12, funding: 2, keys: [{ name: 'first key', share: 1 }] },
]

/** A key in the product's format (services/api_keys/key_material.ts) from the seed's PRNG instead of the system's randomness. */
export function demoSecret(random: () => number) {
  const prefix = base58(Uint8Array.from({ length: 6 }, () => Math.floor(random() * 256))).padStart(PREFIX_LENGTH, '1').slice(-PREFIX_LENGTH)
  const key = `cd_${prefix}_${base58(Uint8Array.from({ length: 32 }, () => Math.floor(random() * 256)))}`
  return { prefix, secret: key, hash: hashKey(key) }
}

const DAY = 86_400_000

/** Picks the customers, applies their price multipliers and creates their keys. `random` must be fresh: its first key is the banner's. */
export async function seedDemoCustomers(trx: TransactionClientContract, now: number, random: () => number) {
  const candidates = await trx.from('customers').where('frozen', false).orderBy('id').select('id', 'tier')
  const taken = new Set<number>()
  const profiles: Array<TrafficProfile & { funding: number }> = []
  const multipliers = new Map<number, number>()
  const keyUpdates: Array<{ id: number; set: Record<string, unknown> }> = []
  for (const plan of PLANS) {
    const customer = candidates.find((c) => c.tier === plan.tier && !taken.has(Number(c.id)))
    if (!customer) continue
    const customerId = Number(customer.id)
    taken.add(customerId)
    if (plan.multiplier) await trx.from('customers').where('id', customerId).update({ price_multiplier: plan.multiplier })
    multipliers.set(customerId, Number(plan.multiplier ?? DEMO_TIER_MULTIPLIERS[plan.tier]))
    const since = plan.since ?? 60
    const keys: TrafficProfile['keys'] = []
    for (const [k, key] of plan.keys.entries()) {
      const { prefix, hash } = demoSecret(random)
      const created = new Date(now - (since + 2 - k) * DAY)
      const [row] = await trx
        .insertQuery()
        .table('api_keys')
        .insert({ customer_id: customerId, name: key.name, prefix, secret_hash: hash, allowed_models: key.models ?? null, ...key.limits, created_at: created, updated_at: created })
        .returning('id')
      keys.push({ id: Number(row.id), share: key.share, models: key.models })
      const at = new Date(now - 4 * DAY)
      if (key.then === 'disable') keyUpdates.push({ id: Number(row.id), set: { status: 'disabled', updated_at: at } })
      if (key.then === 'lock') keyUpdates.push({ id: Number(row.id), set: { status: 'locked', locked_at: at, locked_reason: 'Key found in a public GitHub repository', updated_at: at } })
      if (key.then === 'expire') keyUpdates.push({ id: Number(row.id), set: { expires_at: new Date(now - 2 * DAY), updated_at: at } })
    }
    const { tier, funding, multiplier, keys: _, ...traffic } = plan
    profiles.push({ ...traffic, customerId, keys, funding })
  }
  return { profiles, multipliers, keyUpdates }
}

export type FundingOrder = { customerId: number; dollars: number; paidAt: Date }

/** Bank transfers worth `funding` × the estimated spend, in round amounts, spread over the window. */
export function fundingOrders(profiles: Array<TrafficProfile & { funding: number }>, spend: Map<number, number>, now: number): FundingOrder[] {
  const orders: FundingOrder[] = []
  for (const profile of profiles) {
    const total = (spend.get(profile.customerId) ?? 0) * profile.funding
    const step = total > 5_000 ? 1_000 : total > 500 ? 100 : 10
    const count = total > 5_000 ? 4 : total > 500 ? 3 : 1
    const each = Math.max(step, Math.ceil(total / count / step) * step)
    const since = profile.since ?? 60
    for (let i = 0; i < count; i++) orders.push({ customerId: profile.customerId, dollars: each, paidAt: new Date(now - (since + 1) * DAY + i * Math.floor((since * DAY) / count)) })
  }
  return orders
}

/** Each transfer: a PAID bank-transfer order confirmed by finance and credited through the order path, audited. */
export async function seedRecharges(trx: TransactionClientContract, orders: FundingOrder[], system: Actor) {
  const staff = Object.fromEntries((await trx.from('staff').whereIn('email', ['ops@demo.local', 'finance@demo.local', 'finance2@demo.local'])).map((s) => [s.email, s]))
  const ops = staff['ops@demo.local']
  const finance = staff['finance@demo.local']
  const second = staff['finance2@demo.local']
  const actor: Actor = finance ? { type: 'staff', id: finance.id, label: finance.email, role: 'finance' } : system
  const twoApprovers = parseUnits(payments.secondApprovalAbove, CURRENCY_SCALE)
  for (const [i, order] of orders.entries()) {
    const amount = BigInt(order.dollars) * 10n ** BigInt(CURRENCY_SCALE)
    const reference = `BT${order.paidAt.toISOString().slice(0, 10).replaceAll('-', '')}${String(i + 1).padStart(4, '0')}`
    const [row]: OrderRow[] = await trx
      .insertQuery()
      .table('orders')
      .insert({
        customer_id: order.customerId,
        channel: 'bank_transfer',
        currency: payments.currency,
        amount,
        grant_amount: BigInt(order.dollars) * 10n ** BigInt(LEDGER_SCALE),
        status: 'PAID',
        channel_order_id: reference,
        paid_at: order.paidAt,
        created_by: ops?.id ?? null,
        operator_id: finance?.id ?? null,
        confirmed_by: finance?.id ?? null,
        ...(amount > twoApprovers && second ? { first_approver_id: second.id, first_approved_at: order.paidAt, first_approval_reference: reference } : {}),
        remark: 'API usage prepayment',
        created_at: new Date(order.paidAt.getTime() - 3_600_000),
        updated_at: order.paidAt,
      })
      .returning('*')
    const { posted } = await creditOrder(trx, row, actor)
    await audit.record(trx, { action: 'confirm', resource: 'orders', recordId: row.id, metadata: { reference, transactionId: Number(posted.transaction.id) } }, actor, { ip: null, userAgent: 'demo seed', requestId: 'seed' })
  }
}
