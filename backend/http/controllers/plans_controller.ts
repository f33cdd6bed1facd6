import db from '@adonisjs/lucid/services/db'
import { presentPortalPlan } from '#services/payments/present'
import payments from '#config/payments'

/** GET /api/portal/plans — the active plans that can be bought in the portal's currency, in catalog order. Public (a pricing page). */
export default class PlansController {
  async index() {
    const plans = await db
      .from('plans')
      .where('active', true)
      .whereRaw('jsonb_exists(prices, ?)', [payments.currency])
      .orderBy('sort_order')
      .orderBy('id')
    return plans.map(presentPortalPlan)
  }
}
