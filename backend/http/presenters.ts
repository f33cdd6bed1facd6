/** What leaves the server about an identity: never a model, never a hash. */
import type Staff from '#models/staff'
import type Customer from '#models/customer'

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
