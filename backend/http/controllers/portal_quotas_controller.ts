import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type Customer from '#models/customer'
import { portalQuotas } from '#services/quotas/portal'

/** GET /api/portal/quotas → `{ quotas: QuotaStateWire[], alerts: [{ feature, period, threshold, period_start, created_at }] }`. */
export default class PortalQuotasController {
  async index(ctx: HttpContext) {
    const customer = ctx.auth.use('customer').user as Customer
    return portalQuotas(db.connection(), Number(customer.id))
  }
}
