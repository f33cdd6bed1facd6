/**
 * Operations record a bank-transfer or cash recharge for a customer (the orders resource's
 * create form). Either a plan — its current version sets the amount, currency and amount
 * granted — or a custom amount, currency and amount granted (negotiated deals). The order
 * waits PENDING for finance to confirm the money arrived (confirm_offline_order.ts) and is
 * cancelled after OFFLINE_ORDER_TIMEOUT_MINUTES otherwise.
 *
 * The orders resource's create hook calls it: it checks the form and returns the row to insert;
 * the engine inserts it and writes the audit row in the same transaction.
 */
import payments from '#config/payments'
import type { UseCase, UseCaseDeps } from '#services/use_case'
import type { OrderRow } from '#services/orders/rows'
import type { PlanRow } from '#services/plans/rows'
import { OFFLINE_CHANNELS } from '#services/orders/vocabulary'
import { Forbidden, InvalidInput, type FieldError } from '#exceptions/domain_errors'

/** The create form's fields, validated by the engine. */
export type OfflineOrderForm = {
  customer_id: number
  channel: string
  plan_id?: number | null
  currency?: string | null
  amount?: string | null
  grant_amount?: string | null
  remark?: string | null
}

const createOfflineOrder: UseCase<OfflineOrderForm, Partial<OrderRow>> = { handle: prepare }
export default createOfflineOrder

async function prepare(values: OfflineOrderForm, { trx, actor }: UseCaseDeps): Promise<Partial<OrderRow>> {
  if (actor.type !== 'staff') throw new Forbidden('Only staff create offline orders')

  const errors: FieldError[] = []
  const refuse = (field: string, message: string, rule = 'invalid') => errors.push({ field, message, rule })
  if (!OFFLINE_CHANNELS.includes(values.channel)) refuse('channel', 'Orders created here are bank transfers or cash; card payments start from the portal')
  const customer = await trx.from('customers').where('id', values.customer_id).forShare().first()
  if (!customer) refuse('customer_id', `Customer ${values.customer_id} does not exist`, 'exists')

  let priced: Pick<OrderRow, 'plan_id' | 'plan_version_id' | 'plan_name' | 'currency' | 'amount' | 'grant_amount'> | null = null
  if (values.plan_id) {
    const plan: PlanRow | null = await trx.from('plans').where('id', values.plan_id).forShare().first()
    const currency = values.currency ?? payments.currency
    if (!plan) refuse('plan_id', `Plan ${values.plan_id} does not exist`, 'exists')
    else if (!plan.active) refuse('plan_id', `The plan "${plan.name}" is not active`, 'active')
    else if (values.amount || values.grant_amount) refuse('amount', 'Leave the amount and the amount granted empty when a plan is chosen: the plan sets them', 'plan')
    else if (!plan.prices?.[currency]) refuse('currency', `The plan "${plan.name}" has no price in ${currency}`, 'currency')
    else {
      priced = {
        plan_id: String(plan.id),
        plan_version_id: String(plan.current_version_id),
        plan_name: plan.name,
        currency,
        amount: String(plan.prices[currency]),
        grant_amount: String(plan.grant_amount),
      }
    }
  } else {
    if (!values.currency) refuse('currency', 'Choose a currency (or a plan)', 'required')
    if (!values.amount || BigInt(values.amount) <= 0n) refuse('amount', 'Enter an amount greater than zero (or choose a plan)', 'amount')
    if (!values.grant_amount || BigInt(values.grant_amount) <= 0n) refuse('grant_amount', 'Enter the amount to grant, greater than zero (or choose a plan)', 'amount')
    if (!errors.length) {
      priced = { plan_id: null, plan_version_id: null, plan_name: null, currency: values.currency!, amount: values.amount!, grant_amount: values.grant_amount! }
    }
  }
  if (errors.length || !priced) throw new InvalidInput(errors)

  return {
    customer_id: String(values.customer_id),
    channel: values.channel as OrderRow['channel'],
    ...priced,
    remark: values.remark ?? null,
    status: 'PENDING',
    expires_at: new Date(Date.now() + payments.offlineTimeoutMinutes * 60_000),
    created_by: actor.id,
    operator_id: actor.id,
  }
}
