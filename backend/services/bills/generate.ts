/**
 * Generating a postpaid organization's bill for one period, idempotently: an advisory lock per
 * organization and period serialises concurrent generates, and the partial unique index (one live
 * bill per organization and period) backs it. An existing issued bill is returned as it is; a draft
 * is recomputed in place (its lines replaced) so it reflects the ledger until it is issued — when
 * finance asks; the daily job only creates missing bills.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import audit from '#services/audit'
import type { UseCaseDeps } from '#services/use_case'
import { BadRequest, NotFound } from '#exceptions/domain_errors'
import { computePeriod } from './compute.js'
import { billTotals } from './rates.js'
import type { BillRow } from './rows.js'
import type { Period } from './periods.js'

export type Generated = { bill: BillRow; outcome: 'created' | 'recomputed' | 'existing' }

export async function lockPostpaidOrg(trx: TransactionClientContract, orgId: number) {
  const org = await trx.from('customers').where('id', orgId).forShare().first()
  if (!org) throw new NotFound(`Organization ${orgId} not found`)
  if (org.type !== 'organization' || org.billing_mode !== 'postpaid') throw new BadRequest('Only postpaid organizations are billed; prepaid accounts get monthly statements')
  return org
}

export async function generateBill(
  trx: TransactionClientContract,
  orgId: number,
  period: Period,
  { actor, facts }: Pick<UseCaseDeps, 'actor' | 'facts'>,
  { recomputeDraft = true } = {}
): Promise<Generated> {
  const org = await lockPostpaidOrg(trx, orgId)
  await trx.rawQuery(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, [`bill:${orgId}:${period.start.toISOString()}:${period.end.toISOString()}`])
  const existing: BillRow | undefined = await trx
    .from('bills')
    .where({ org_id: orgId, period_start: period.start, period_end: period.end })
    .whereNot('status', 'voided')
    .forUpdate()
    .first()
  if (existing && (existing.status !== 'draft' || !recomputeDraft)) return { bill: existing, outcome: 'existing' }

  const computed = await computePeriod(trx, orgId, period)
  const totals = billTotals(computed.subtotal, org.bill_discount_rate, org.tax_rate)
  const due = totals.total - computed.coveredGift - computed.coveredCash
  const figures = {
    currency: creditdesk.asset,
    subtotal: totals.subtotal.toString(),
    discount_rate: org.bill_discount_rate,
    discount: totals.discount.toString(),
    tax_rate: org.tax_rate,
    tax: totals.tax.toString(),
    total: totals.total.toString(),
    covered_gift: computed.coveredGift.toString(),
    covered_cash: computed.coveredCash.toString(),
    amount_due: (due > 0n ? due : 0n).toString(),
    arrears: computed.arrears.toString(),
    generated_at: new Date(),
    generated_by: actor.type === 'staff' ? actor.id : null,
    updated_at: new Date(),
  }
  let bill: BillRow
  if (existing) {
    await trx.from('bill_lines').where('bill_id', existing.id).delete()
    ;[bill] = await trx.from('bills').where('id', existing.id).update(figures).returning('*')
  } else {
    ;[bill] = await trx
      .insertQuery()
      .table('bills')
      .insert({ org_id: orgId, period_start: period.start, period_end: period.end, cycle: org.bill_cycle, ...figures })
      .returning('*')
  }
  if (computed.lines.length) {
    await trx
      .insertQuery()
      .table('bill_lines')
      .multiInsert(
        computed.lines.map((l, i) => ({
          bill_id: bill.id,
          position: i + 1,
          kind: l.kind,
          model_id: l.modelId,
          description: JSON.stringify(l.description),
          quantity: l.quantity,
          unit: l.unit,
          requests: l.requests.toString(),
          amount: l.amount.toString(),
          cost: l.cost.toString(),
        }))
      )
  }
  const outcome = existing ? 'recomputed' : 'created'
  await audit.record(trx, { action: outcome === 'created' ? 'generate' : 'regenerate', resource: 'bills', recordId: bill.id, before: existing ?? null, after: bill }, actor, facts)
  return { bill, outcome }
}
