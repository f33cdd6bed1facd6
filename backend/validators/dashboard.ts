import vine from '@vinejs/vine'
import { DASHBOARD_CARDS, DASHBOARD_PERIODS } from '#contract/dashboard'

/** GET /api/admin/dashboard/trend?card=<card>&period=today|week|month|year */
export const dashboardTrendValidator = vine.create(
  vine.object({
    card: vine.enum(DASHBOARD_CARDS.map((c) => c.value)),
    period: vine.enum(DASHBOARD_PERIODS.map((p) => p.value)),
  })
)
