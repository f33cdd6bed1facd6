import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { BadRequest, NotFound } from '#exceptions/domain_errors'
import { customerBalances } from '#services/ledger/balances'

/** GET /api/admin/users/:id/balances → { currency, cash, gift, onHold, arrears } (users:view). */
export default class CustomerBalancesController {
  async show({ params }: HttpContext) {
    const id = String(params.id)
    if (!/^\d{1,18}$/.test(id)) throw new BadRequest(`"${id.slice(0, 40)}" is not a valid id`)
    const customer = await db.from('customers').where('id', id).select('id').first()
    if (!customer) throw new NotFound(`users ${id} was not found`)
    return customerBalances(db.connection(), Number(customer.id))
  }
}
