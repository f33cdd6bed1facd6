/**
 * The bill jobs. Both are idempotent, each organization or bill in its own short transaction so
 * one failure does not hold the others back:
 * - `bills-generate` (daily 00:10 UTC): every postpaid organization's last finished period gets
 *   its bill (a draft; an existing one is returned or, while draft, recomputed);
 * - `bills-overdue` (hourly): an unpaid bill past its due date is marked overdue (once, with a
 *   notice); past the due date + the organization's `overdue_suspend_days`, the organization is
 *   suspended (`billing_suspended_at`, audited, notified) until it settles (settle.ts).
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import audit, { SYSTEM_ACTOR } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { transaction } from '#services/transaction'
import { PAYABLE_BILL_STATUSES } from '#contract/bills'
import { fromUnits } from '#services/ledger/amounts'
import { generateBill } from './generate.js'
import { lastFinishedPeriod } from './periods.js'
import { OVERDUE_REASON, suspendingBills } from './suspension.js'
import { tellOrg } from './notices.js'
import { outstanding, type BillRow } from './rows.js'

export async function generateDueBills(now = new Date()) {
  const orgs = await db.from('customers').where({ type: 'organization', billing_mode: 'postpaid' }).select('id', 'bill_cycle', 'bill_cycle_days', 'bill_anchor')
  let generated = 0
  for (const org of orgs) {
    const period = lastFinishedPeriod(org, now)
    if (!period) continue
    try {
      const { outcome } = await transaction((trx) => generateBill(trx, Number(org.id), period, { actor: SYSTEM_ACTOR, facts: NO_REQUEST }, { recomputeDraft: false }))
      if (outcome === 'created') generated++
    } catch (error) {
      logger.error({ err: error, orgId: org.id }, 'could not generate a bill')
    }
  }
  return { organizations: orgs.length, generated }
}

export async function markOverdueBills() {
  const due: BillRow[] = await db
    .from('bills')
    .whereIn('status', [...PAYABLE_BILL_STATUSES])
    .whereNull('overdue_at')
    .where('due_at', '<', new Date())
    .whereRaw('paid + credited < amount_due')
    .select('*')
  for (const bill of due) {
    await transaction(async (trx) => {
      const [marked]: BillRow[] = await trx.from('bills').where('id', bill.id).whereNull('overdue_at').update({ overdue_at: new Date(), updated_at: new Date() }).returning('*')
      if (!marked) return
      await audit.record(trx, { action: 'overdue', resource: 'bills', recordId: bill.id, before: { overdue_at: null }, after: { overdue_at: marked.overdue_at } }, SYSTEM_ACTOR, NO_REQUEST)
      await tellOrg(trx, Number(bill.org_id), 'bill_overdue', {
        title: { 'en': `Bill ${bill.number} is overdue`, 'zh-CN': `账单 ${bill.number} 已逾期` },
        body: {
          'en': `${fromUnits(outstanding(bill))} ${bill.currency} of bill ${bill.number} is past due. Please pay to keep API access.`,
          'zh-CN': `账单 ${bill.number} 尚有 ${fromUnits(outstanding(bill))} ${bill.currency} 逾期未付，请尽快支付以免 API 访问被暂停。`,
        },
        data: { billId: Number(bill.id), number: bill.number },
        dedupeKey: `bill:${bill.id}:overdue`,
      })
    })
  }
  const suspending = await suspendingBills(db.connection()).whereNull('c.billing_suspended_at').select('b.id', 'b.number', 'b.org_id').orderBy('b.id')
  const suspended = new Set<number>()
  for (const row of suspending) {
    const orgId = Number(row.org_id)
    if (suspended.has(orgId)) continue
    await transaction(async (trx) => {
      const org = await trx.from('customers').where('id', orgId).forUpdate().first()
      if (org.billing_suspended_at) return
      const reason = `${OVERDUE_REASON} ${row.number} unpaid beyond ${org.overdue_suspend_days} days after its due date`
      await trx.from('customers').where('id', orgId).update({ billing_suspended_at: new Date(), billing_suspended_reason: reason, updated_at: new Date() })
      await audit.record(trx, { action: 'billing_suspension', resource: 'users', recordId: orgId, before: { billing_suspended_at: null }, after: { billing_suspended_reason: reason }, reason }, SYSTEM_ACTOR, NO_REQUEST)
      await tellOrg(trx, orgId, 'billing_suspended', {
        title: { 'en': 'API access suspended: overdue bill', 'zh-CN': 'API 访问已暂停：账单逾期' },
        body: { 'en': `Bill ${row.number} is unpaid past its grace period. API requests are refused until it is paid.`, 'zh-CN': `账单 ${row.number} 超过宽限期仍未支付，付清前 API 请求将被拒绝。` },
        data: { billId: Number(row.id), number: row.number },
        severity: 'critical',
      })
      suspended.add(orgId)
    })
  }
  return { overdue: due.length, suspended: suspended.size }
}
