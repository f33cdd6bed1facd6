/**
 * The overdue suspension of a postpaid organization (`customers.billing_suspended_at`): set by the
 * overdue job when a bill stays unpaid `overdue_suspend_days` after its due date (verify refuses
 * with BILL_OVERDUE while it stands), lifted when the last such bill is settled. Only a suspension
 * this rule set is lifted here (its reason starts with OVERDUE_REASON); staff lift any by hand.
 */
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type Actor } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { PAYABLE_BILL_STATUSES } from '#contract/bills'
import { tellOrg } from './notices.js'

export const OVERDUE_REASON = 'Overdue bill'

/** Payable bills of the organization past due + the suspension grace, still owing. */
export function suspendingBills(client: QueryClientContract, orgId?: number) {
  const q = client
    .from('bills as b')
    .join('customers as c', 'c.id', 'b.org_id')
    .whereIn('b.status', [...PAYABLE_BILL_STATUSES])
    .whereRaw('b.paid + b.credited < b.amount_due')
    .whereRaw(`b.due_at + make_interval(days => c.overdue_suspend_days) < now()`)
  return orgId ? q.where('b.org_id', orgId) : q
}

export async function liftBillingSuspension(trx: TransactionClientContract, orgId: number, actor: Actor) {
  const org = await trx.from('customers').where('id', orgId).forUpdate().first()
  if (!org?.billing_suspended_at || !String(org.billing_suspended_reason ?? '').startsWith(OVERDUE_REASON)) return false
  const still = await suspendingBills(trx, orgId).select('b.id').first()
  if (still) return false
  await trx.from('customers').where('id', orgId).update({ billing_suspended_at: null, billing_suspended_reason: null, updated_at: new Date() })
  await audit.record(
    trx,
    { action: 'billing_suspension.lift', resource: 'users', recordId: orgId, before: { billing_suspended_at: org.billing_suspended_at, billing_suspended_reason: org.billing_suspended_reason }, after: { billing_suspended_at: null, billing_suspended_reason: null }, reason: 'Overdue bills settled' },
    actor,
    NO_REQUEST
  )
  await tellOrg(trx, orgId, 'billing_resumed', {
    title: { 'en': 'Service resumed', 'zh-CN': '服务已恢复' },
    body: { 'en': 'Your overdue bills are settled: API access is available again.', 'zh-CN': '逾期账单已结清，API 访问已恢复。' },
  })
  return true
}
