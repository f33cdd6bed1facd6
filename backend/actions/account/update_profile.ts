/**
 * A customer edits their own profile (nickname, phone) from the portal. Only what changed is
 * audited; a phone number another account holds is refused on the field.
 */
import Customer from '#models/customer'
import audit, { diff } from '#services/audit'
import type { UseCase } from '#services/use_case'
import { InvalidInput } from '#exceptions/domain_errors'

export type ProfileChange = { customerId: number; nickname?: string | null; phone?: string | null }

const updateProfile: UseCase<ProfileChange, Customer> = {
  async handle({ customerId, nickname, phone }, { trx, actor, facts }) {
    const customer = await Customer.query({ client: trx }).where('id', customerId).forUpdate().firstOrFail()
    const before = { nickname: customer.nickname, phone: customer.phone }
    if (nickname !== undefined) customer.nickname = nickname
    if (phone !== undefined) customer.phone = phone
    try {
      await customer.save()
    } catch (error: any) {
      // the unique index decides races; the caller's transaction is abandoned with this refusal
      if (error?.code === '23505') throw new InvalidInput([{ field: 'phone', message: 'This phone number is already in use', rule: 'unique' }])
      throw error
    }
    const changes = diff(before, { nickname: customer.nickname, phone: customer.phone })
    if (Object.keys(changes.before ?? {}).length) {
      await audit.record(trx, { action: 'profile.update', resource: 'users', recordId: customer.id, ...changes }, actor, facts)
    }
    return customer
  },
}
export default updateProfile
