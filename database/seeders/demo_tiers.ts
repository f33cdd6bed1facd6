/**
 * Demo tiers (issue 11 §1): organisations get negotiated terms (their tier as agreed; one with
 * unlimited TPM, one with a custom TPM above the table's largest), and one individual who calls
 * the API is left a small recharge below the next threshold, so confirming one more bank transfer
 * for it in the console shows the upgrade — and the new TPM in verify — at once.
 * Everything goes through services/tiers, as staff would do it.
 */
import db from '@adonisjs/lucid/services/db'
import { transaction } from '#services/transaction'
import { SYSTEM_ACTOR, type Actor } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { applyTier } from '#services/tiers/apply_tier'
import { loadTiers, tierAbove } from '#services/tiers/table'
import { creditOrder } from '#services/orders/credit_order'
import payments from '#config/payments'
import type { OrderRow } from '#services/orders/rows'

/** How far below the next threshold the demo customer is left (ledger units: 5.00). */
export const DEMO_TIER_GAP = 5_000_000n

async function opsActor(): Promise<Actor> {
  const staff = await db.from('staff').where('email', 'ops@demo.local').first()
  return staff ? { type: 'staff', id: staff.id, label: staff.email, role: 'operations' } : SYSTEM_ACTOR
}

/** The individual with an API key whose next tier is one small recharge away (null when there is none). */
export async function demoTierCustomer() {
  return db.from('customers').where('remark', 'like', '%[demo: tier threshold]%').select('id', 'email', 'tier').first()
}

export async function seedDemoTiers() {
  const actor = await opsActor()
  await transaction(async (trx) => {
    const tiers = await loadTiers(trx)
    const orgs = await trx.from('customers').where('type', 'organization').whereNull('negotiated_tier').orderBy('id').select('id', 'tier')
    let unlimited = false
    let custom = false
    for (const org of orgs) {
      const set: Record<string, unknown> = { negotiated_tier: org.tier, unlimited_tpm: false, custom_tpm: null }
      if (org.tier === 'enterprise' && !unlimited) (set.unlimited_tpm = true), (unlimited = true)
      else if (org.tier === 'enterprise' && !custom) (set.custom_tpm = String(BigInt(tiers.find((t) => t.code === 'enterprise')!.tpm ?? 1) * 3n)), (custom = true)
      await applyTier(trx, Number(org.id), { cause: 'negotiated_terms', tiers, set, reason: 'Contract signed (demo)', actor, facts: NO_REQUEST, notify: false })
    }
  })

  // the individual calls the API (its key verifies with the tier's limits); none without the usage demo
  const candidate = await db
    .from('customers as c')
    .where('c.type', 'individual')
    .where('c.frozen', false)
    .whereIn('c.tier', ['free', 'basic'])
    .whereExists((q) => q.from('api_keys as k').whereRaw('k.customer_id = c.id').where('k.status', 'enabled'))
    .orderBy('c.id')
    .select('c.id', 'c.tier', 'c.recharged_total', 'c.remark')
    .first()
  if (!candidate) return null
  await transaction(async (trx) => {
    const tiers = await loadTiers(trx)
    const next = tierAbove(tiers, candidate.tier)
    if (!next) return
    const topUp = BigInt(next.recharge_from) - DEMO_TIER_GAP - BigInt(candidate.recharged_total)
    if (topUp > 0n) {
      const cents = (topUp * 100n + 999_999n) / 1_000_000n
      const [order]: OrderRow[] = await trx
        .insertQuery()
        .table('orders')
        .insert({
          customer_id: candidate.id,
          channel: 'bank_transfer',
          currency: payments.currency,
          amount: cents,
          grant_amount: topUp,
          status: 'PAID',
          paid_at: new Date(),
          remark: 'Prepayment (demo)',
        })
        .returning('*')
      await creditOrder(trx, order, actor)
    }
    await trx.from('customers').where('id', candidate.id).update({ remark: `${candidate.remark ? `${candidate.remark}\n` : ''}[demo: tier threshold] ${DEMO_TIER_GAP / 1_000_000n}.00 below ${next.name}` })
  })
  return demoTierCustomer()
}
