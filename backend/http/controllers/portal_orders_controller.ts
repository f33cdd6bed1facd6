import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { acting } from '#services/portal/acting'
import orders from '#resources/orders'
import { parseListQuery } from '#engine/list_query'
import { serveList } from '#engine/list'
import { actorOf, requestFacts } from '#services/audit'
import { presentPortalOrder, withPlanNamesZh } from '#services/payments/present'
import { BadRequest, NotFound } from '#exceptions/domain_errors'
import { assertOnlyKeys } from '#validators/strict'
import { createOrderValidator, ORDER_NUMBER, PORTAL_ORDER_FILTERS } from '#validators/orders'
import createCheckoutOrder from '#actions/orders/create_checkout_order'
import openCheckoutSession from '#actions/orders/open_checkout_session'
import { transaction } from '#services/transaction'

/** The recharge orders of the account acted in (recharge): buy a plan (Stripe Checkout), list and read that account's own. */
export default class PortalOrdersController {
  /** POST /api/portal/orders { plan_id } → 201 { order, checkout_url } */
  async store(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['plan_id'])
    const { customerId } = await acting(ctx, 'recharge')
    const { plan_id: planId } = await ctx.request.validateUsing(createOrderValidator)
    const origin = env.get('APP_URL') ?? `${ctx.request.protocol()}://${ctx.request.host()}`
    const deps = { actor: actorOf(ctx), facts: requestFacts(ctx) }
    // the order commits before Stripe is called, so a webhook can always find it
    const created = await transaction((trx) => createCheckoutOrder.handle({ customerId, planId }, { trx, ...deps }))
    const opened = await transaction((trx) => openCheckoutSession.handle({ ...created, origin }, { trx, ...deps }))
    if (opened.error) throw opened.error
    const { order, checkoutUrl } = opened
    ctx.response.status(201)
    return { order: presentPortalOrder(order), checkout_url: checkoutUrl }
  }

  /** GET /api/portal/orders?_start&_end&_sort&_order&status=&channel=&created_at_gte= → own orders + X-Total-Count */
  async index(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'recharge')
    const qs = ctx.request.qs()
    for (const key of Object.keys(qs)) {
      const field = key.replace(/_(ne|gte|lte|like)$/, '')
      if (!key.startsWith('_') && !PORTAL_ORDER_FILTERS.includes(field)) throw new BadRequest(`Unknown filter field "${field}"`)
    }
    if (qs._sort !== undefined && String(qs._sort).split(',').some((f) => !PORTAL_ORDER_FILTERS.includes(f.trim()))) {
      throw new BadRequest(`Orders can be sorted by ${PORTAL_ORDER_FILTERS.join(', ')}`)
    }
    const plan = parseListQuery(orders, qs)
    const present = async (rows: Array<Record<string, any>>) => (await withPlanNamesZh(rows)).map(presentPortalOrder)
    return serveList(ctx, orders, plan, present, (query) => query.where('customer_id', customerId))
  }

  /** GET /api/portal/orders/:number → the order, or 404 when it is not the caller's */
  async show(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'recharge')
    const number = String(ctx.params.number)
    const order = ORDER_NUMBER.test(number) ? await db.from('orders').where({ number, customer_id: customerId }).first() : null
    if (!order) throw new NotFound('Order not found')
    const [named] = await withPlanNamesZh([order])
    return presentPortalOrder(named)
  }
}
