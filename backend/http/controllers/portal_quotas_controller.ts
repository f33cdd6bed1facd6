import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { acting } from '#services/portal/acting'
import { portalQuotas } from '#services/quotas/portal'

/** GET /api/portal/quotas (the account acted in; dashboard.view) → `{ quotas: QuotaStateWire[], alerts: [{ feature, period, threshold, period_start, created_at }] }`. */
export default class PortalQuotasController {
  async index(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'dashboard.view')
    return portalQuotas(db.connection(), customerId)
  }
}
