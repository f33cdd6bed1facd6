import vine from '@vinejs/vine'

/** POST /api/portal/orders: which plan the customer buys (the price and amount come from the plan). */
export const createOrderValidator = vine.create(
  vine.object({
    plan_id: vine.number({ strict: true }).withoutDecimals().positive(),
  })
)

/** GET /api/portal/orders/:number — an order number as shown to the customer (R20261122-000123). */
export const ORDER_NUMBER = /^R\d{8}-\d{6,}$/

/** Fields a customer may filter and sort their own orders by. */
export const PORTAL_ORDER_FILTERS = ['status', 'channel', 'created_at', 'paid_at', 'number']
