import type { HttpContext } from '@adonisjs/core/http'
import { perform } from '#abilities/main'
import { dashboardSummary } from '#services/dashboard/figures'

/** Today's figures for the console home: only those summarising lists the caller's role may view. */
export default class DashboardController {
  async summary(ctx: HttpContext) {
    return dashboardSummary((resource) => ctx.bouncer.allows(perform, resource, 'view'))
  }
}
