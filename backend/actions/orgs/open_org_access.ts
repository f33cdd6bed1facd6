/**
 * Users record action `open_org_access { org_type, org_name, org_address?, billing_mode, credit_limit?, reason }`
 * (operations; PRD §3 后台手动开放机构类型的用户): the customer becomes an organization, and the
 * person who signs in with its own account becomes its first admin member. A postpaid
 * organization's credit limit is the limit of its cash account (charges may take the balance that
 * far below zero). The engine audits the change with its before/after.
 */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'
import { applyCreditLimit, assertCreditLimitFits } from '#services/orgs/billing'

type Fields = { org_type: string; org_name: string; org_address?: string | null; billing_mode: 'prepaid' | 'postpaid'; credit_limit?: string | null }

const openOrgAccess: EngineAction<Fields> = {
  async handle({ record, fields }, { trx, actor }) {
    const customer = record!
    if (customer.org_opened_at) throw new Conflict('Organization access is already open for this customer')
    const limit = assertCreditLimitFits(fields.billing_mode, fields.credit_limit ?? null)
    const now = new Date()
    await trx.from('customers').where('id', customer.id).update({
      type: 'organization',
      org_type: fields.org_type,
      org_name: fields.org_name,
      org_address: fields.org_address ?? null,
      billing_mode: fields.billing_mode,
      org_opened_at: now,
      org_opened_by: actor.type === 'staff' ? actor.id : null,
      updated_at: now,
    })
    await trx.rawQuery(
      `INSERT INTO organization_members (org_id, customer_id, role, added_by_staff_id) VALUES (?, ?, 'admin', ?)
       ON CONFLICT (org_id, customer_id) WHERE status = 'active' DO NOTHING`,
      [customer.id, customer.id, actor.type === 'staff' ? actor.id : null]
    )
    const credit = await applyCreditLimit(trx, Number(customer.id), limit)
    return { message: `Organization access opened for ${fields.org_name}`, auditMetadata: { credit_limit: credit } }
  },
}
export default openOrgAccess
