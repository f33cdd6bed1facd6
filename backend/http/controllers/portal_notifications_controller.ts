import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type Customer from '#models/customer'
import type { PortalNotificationsWire } from '#contract/notifications'
import markNotificationRead from '#actions/notifications/mark_notification_read'
import markAllNotificationsRead from '#actions/notifications/mark_all_notifications_read'
import { runUseCase } from '#http/use_cases'
import { presentNotification } from '#services/notifications/present'
import { BadRequest } from '#exceptions/domain_errors'

const LIST_KEYS = ['page', 'per_page', 'unread']

function positive(raw: unknown, name: string, fallback: number, max: number) {
  if (raw === undefined || raw === '') return fallback
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw new BadRequest(`"${name}" must be a whole number from 1 to ${max}`)
  return Number(raw)
}

/**
 * The signed-in customer's in-app notifications, newest first:
 * - GET /api/portal/notifications?page=&per_page=&unread=1 → `{ data, total, unread }`
 * - POST /api/portal/notifications/:id/read → 204 (another customer's id: 404)
 * - POST /api/portal/notifications/read-all → 204
 */
export default class PortalNotificationsController {
  async index(ctx: HttpContext): Promise<PortalNotificationsWire> {
    const customerId = this.#customerId(ctx)
    const qs = ctx.request.qs()
    const unknown = Object.keys(qs).find((key) => !LIST_KEYS.includes(key))
    if (unknown) throw new BadRequest(`Unknown parameter "${unknown.slice(0, 40)}" (use ${LIST_KEYS.join(', ')})`)
    const page = positive(qs.page, 'page', 1, 100_000)
    const perPage = positive(qs.per_page, 'per_page', 20, 100)
    if (qs.unread !== undefined && !['0', '1'].includes(qs.unread)) throw new BadRequest('"unread" is 1 (unread only) or 0')
    const onlyUnread = qs.unread === '1'
    const own = () => {
      const q = db.from('notifications').where('customer_id', customerId)
      return onlyUnread ? q.whereNull('read_at') : q
    }
    const [rows, total, unread] = await Promise.all([
      own().orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).offset((page - 1) * perPage).limit(perPage),
      own().count('* as n').first(),
      db.from('notifications').where('customer_id', customerId).whereNull('read_at').count('* as n').first(),
    ])
    return { data: rows.map(presentNotification), total: Number(total?.n ?? 0), unread: Number(unread?.n ?? 0) }
  }

  async read(ctx: HttpContext) {
    const raw = String(ctx.params.id)
    if (!/^\d{1,18}$/.test(raw)) throw new BadRequest(`"${raw.slice(0, 40)}" is not a valid id`)
    await runUseCase(ctx, markNotificationRead, { customerId: this.#customerId(ctx), id: Number(raw) })
    return ctx.response.noContent()
  }

  async readAll(ctx: HttpContext) {
    await runUseCase(ctx, markAllNotificationsRead, { customerId: this.#customerId(ctx) })
    return ctx.response.noContent()
  }

  #customerId(ctx: HttpContext) {
    return Number((ctx.auth.use('customer').user as Customer).id)
  }
}
