import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { BadRequest, NotFound } from '#exceptions/domain_errors'
import { describeCustomerTier } from '#services/tiers/describe'

/** GET /api/admin/users/:id/tier → the customer's tier, its source, effective RPM/TPM, max keys and next tier (users:view). */
export default class CustomerTierController {
  async show({ params }: HttpContext) {
    const id = String(params.id)
    if (!/^\d{1,18}$/.test(id)) throw new BadRequest(`"${id.slice(0, 40)}" is not a valid id`)
    const tier = await describeCustomerTier(db.connection(), Number(id))
    if (!tier) throw new NotFound(`users ${id} was not found`)
    return tier
  }
}
