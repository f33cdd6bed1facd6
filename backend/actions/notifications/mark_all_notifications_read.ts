/** A customer marks every unread notification of theirs read (portal). */
import type { UseCase } from '#services/use_case'

const markAllNotificationsRead: UseCase<{ customerId: number }, { marked: number }> = {
  async handle({ customerId }, { trx }) {
    const marked = await trx.from('notifications').where('customer_id', customerId).whereNull('read_at').update({ read_at: new Date() })
    return { marked: Number(marked) }
  },
}
export default markAllNotificationsRead
