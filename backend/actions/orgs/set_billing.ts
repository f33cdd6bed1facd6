/**
 * Users record action `set_billing { billing_mode, credit_limit, bill_cycle, bill_cycle_days?,
 * bill_anchor?, payment_terms_days, overdue_suspend_days, tax_rate, bill_discount_rate }` with a reason
 * (finance; issue 12 §3): how an organization is billed. The credit limit goes on its cash account;
 * the row's own update also refreshes verify's cached copy of the account.
 */
import type { EngineAction } from '#services/use_case'
import { BadRequest, InvalidInput } from '#exceptions/domain_errors'
import { applyCreditLimit, assertCreditLimitFits } from '#services/orgs/billing'

type Fields = {
  billing_mode: 'prepaid' | 'postpaid'
  credit_limit: string
  bill_cycle: 'monthly' | 'custom'
  bill_cycle_days?: number | null
  bill_anchor?: string | null
  payment_terms_days: number
  overdue_suspend_days: number
  tax_rate: string
  bill_discount_rate: string
}

/** A percentage 0 ≤ p < 100 with at most 4 decimals, as text (numeric(7,4)). */
function percent(raw: string, field: string) {
  const value = String(raw).trim()
  if (!/^\d{1,2}(\.\d{1,4})?$/.test(value)) throw new InvalidInput([{ field, message: 'A percentage from 0 to 99.9999, like "6" or "13.5"', rule: 'percent' }])
  return value
}

const setBilling: EngineAction<Fields> = {
  async handle({ record, fields }, { trx }) {
    const org = record!
    if (org.type !== 'organization') throw new BadRequest('Billing settings are for organizations (open organization access first)')
    const limit = assertCreditLimitFits(fields.billing_mode, fields.credit_limit)
    const custom = fields.bill_cycle === 'custom'
    if (custom && (!fields.bill_cycle_days || !fields.bill_anchor)) {
      throw new InvalidInput([{ field: 'bill_cycle_days', message: 'A custom cycle needs its length in days and an anchor date', rule: 'required' }])
    }
    if (!custom && (fields.bill_cycle_days || fields.bill_anchor)) {
      throw new InvalidInput([{ field: 'bill_cycle_days', message: 'Days and an anchor date go with a custom cycle', rule: 'unexpected' }])
    }
    await trx.from('customers').where('id', org.id).update({
      billing_mode: fields.billing_mode,
      bill_cycle: fields.bill_cycle,
      bill_cycle_days: custom ? fields.bill_cycle_days : null,
      bill_anchor: custom ? fields.bill_anchor : null,
      payment_terms_days: fields.payment_terms_days,
      overdue_suspend_days: fields.overdue_suspend_days,
      tax_rate: percent(fields.tax_rate, 'tax_rate'),
      bill_discount_rate: percent(fields.bill_discount_rate, 'bill_discount_rate'),
      updated_at: new Date(),
    })
    const credit = await applyCreditLimit(trx, Number(org.id), limit ?? 0n)
    return { message: 'Billing settings saved', auditMetadata: { credit_limit: credit } }
  },
}
export default setBilling
