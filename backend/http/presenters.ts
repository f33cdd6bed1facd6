/** What leaves the server about an identity: never a model, never a hash. */
import type Staff from '#models/staff'
import type Customer from '#models/customer'
import * as ledgerAmounts from '#services/ledger/amounts'

export function presentStaff(staff: Staff) {
  return {
    id: staff.id,
    email: staff.email,
    name: staff.name,
    locale: staff.locale,
    role: staff.role ? { id: staff.role.id, name: staff.role.name, label: staff.role.label } : null,
    last_login_at: staff.lastLoginAt?.toISO() ?? null,
  }
}

export function presentCustomer(customer: Customer) {
  return {
    id: Number(customer.id),
    email: customer.email,
    nickname: customer.nickname,
    phone: customer.phone,
    type: customer.type,
    tier: customer.tier,
    verification_status: customer.verificationStatus,
    is_developer: customer.isDeveloper,
    created_at: customer.createdAt?.toISO() ?? null,
    last_login_at: customer.lastLoginAt?.toISO() ?? null,
  }
}

/** A posted ledger transaction as the API shows it: amounts as decimal strings. */
export function presentPosted(posted: { transaction: Record<string, any>; entries: Array<Record<string, any>> }) {
  const { fromUnits } = ledgerAmounts
  const t = posted.transaction
  return {
    transaction: {
      id: Number(t.id),
      type: t.type,
      asset: t.asset,
      amount: fromUnits(t.amount),
      customer_id: t.customer_id === null ? null : Number(t.customer_id),
      reference_type: t.reference_type,
      reference_id: t.reference_id,
      memo: t.memo,
      created_at: new Date(t.created_at).toISOString(),
    },
    entries: posted.entries.map((e) => ({
      account_id: Number(e.account_id),
      amount: fromUnits(e.amount),
      balance_after: fromUnits(e.balance_after),
    })),
  }
}
