/** A customer marks one of their notifications read (portal). Another customer's id is a 404, as an unknown one. */
import type { UseCase } from '#services/use_case'
import { NotFound } from '#exceptions/domain_errors'

const markNotificationRead: UseCase<{ customerId: number; id: number }, void> = {
  async handle({ customerId, id }, { trx }) {
    const row = await trx.from('notifications').where({ id, customer_id: customerId }).select('id', 'read_at').first()
    if (!row) throw new NotFound('Notification not found')
    if (!row.read_at) await trx.from('notifications').where('id', id).update({ read_at: new Date() })
  },
}
export default markNotificationRead
