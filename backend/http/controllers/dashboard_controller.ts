import type { HttpContext } from '@adonisjs/core/http'
import { perform } from '#abilities/main'
import { Forbidden } from '#exceptions/domain_errors'
import { dashboardSummary } from '#services/dashboard/figures'
import { CARD_SOURCES, dashboardTrend } from '#services/dashboard/cards'
import { dashboardTrendValidator } from '#validators/dashboard'

/** The console home: only the figures summarising lists the caller's role may view. */
export default class DashboardController {
  async summary(ctx: HttpContext) {
    return dashboardSummary((resource) => ctx.bouncer.allows(perform, resource, 'view'))
  }

  /** One card's trend over a period; refused like the card itself for a role that may not list its sources. */
  async trend(ctx: HttpContext) {
    const { card, period } = await dashboardTrendValidator.validate(ctx.request.qs())
    for (const resource of CARD_SOURCES[card]) {
      if (!(await ctx.bouncer.allows(perform, resource, 'view'))) throw new Forbidden('Your role may not view this figure')
    }
    return dashboardTrend(card, period)
  }
}
