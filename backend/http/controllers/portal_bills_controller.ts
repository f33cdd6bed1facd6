import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { acting } from '#services/portal/acting'
import { actorOf, requestFacts } from '#services/audit'
import { transaction } from '#services/transaction'
import { toUnits } from '#services/ledger/amounts'
import { assertOnlyKeys } from '#validators/strict'
import { InvalidInput, NotFound } from '#exceptions/domain_errors'
import { billDocument, statementDocument } from '#services/bills/document'
import { openDispute } from '#services/bills/disputes'
import { lockBill } from '#services/bills/rows'
import { presentPortalBill, presentPortalDispute } from '#services/bills/present'
import payBill from '#actions/bills/pay_bill'
import openCheckoutSession from '#actions/orders/open_checkout_session'

/** The account's own bills (drafts are not shown), always scoped by the account acted in. */
async function ownBill(customerId: number, id: unknown) {
  const text = String(id)
  const bill = /^\d{1,18}$/.test(text) ? await db.from('bills').where({ id: text, org_id: customerId }).whereNot('status', 'draft').first() : null
  if (!bill) throw new NotFound('Bill not found')
  return bill
}

/** Portal: bills of the account acted in (bills.view / bills.pay / bills.dispute) and monthly statements (wallet.view). */
export default class PortalBillsController {
  /** GET /api/portal/bills?_start&_end&status= → own bills, newest period first, X-Total-Count */
  async index(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'bills.view')
    const qs = ctx.request.qs()
    const start = Math.max(0, Number.parseInt(String(qs._start ?? '0'), 10) || 0)
    const end = Math.min(start + 100, Math.max(start, Number.parseInt(String(qs._end ?? String(start + 20)), 10) || start + 20))
    const query = db.from('bills').where('org_id', customerId).whereNot('status', 'draft')
    if (typeof qs.status === 'string' && qs.status) query.where('status', qs.status)
    const [{ n }] = await query.clone().count('* as n')
    const rows = await query.orderBy('period_start', 'desc').orderBy('id', 'desc').offset(start).limit(end - start)
    ctx.response.header('X-Total-Count', String(n))
    return rows.map(presentPortalBill)
  }

  /** GET /api/portal/bills/:id → BillDocument + id, status, disputes */
  async show(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'bills.view')
    const bill = await ownBill(customerId, ctx.params.id)
    const disputes = await db.from('bill_disputes').where('bill_id', bill.id).orderBy('id')
    return { id: Number(bill.id), ...(await billDocument(db.connection(), bill.id)), disputes: disputes.map(presentPortalDispute) }
  }

  /** POST /api/portal/bills/:id/pay { amount } → 201 { order_number, checkout_url } */
  async pay(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'bills.pay')
    const body = ctx.request.body()
    assertOnlyKeys(body, ['amount'])
    const amount = toUnits(body.amount, 'amount')
    const deps = { actor: actorOf(ctx), facts: requestFacts(ctx) }
    const origin = env.get('APP_URL') ?? `${ctx.request.protocol()}://${ctx.request.host()}`
    const created = await transaction((trx) => payBill.handle({ customerId, billId: String(ctx.params.id), amount }, { trx, ...deps }))
    const opened = await transaction((trx) => openCheckoutSession.handle({ ...created, origin }, { trx, ...deps }))
    if (opened.error) throw opened.error
    ctx.response.status(201)
    return { order_number: opened.order.number, checkout_url: opened.checkoutUrl }
  }

  /** POST /api/portal/bills/:id/disputes { bill_line_id, amount, reason } → 201 dispute */
  async dispute(ctx: HttpContext) {
    const who = await acting(ctx, 'bills.dispute')
    const body = ctx.request.body()
    assertOnlyKeys(body, ['bill_line_id', 'amount', 'reason'])
    if (typeof body.reason !== 'string') throw new InvalidInput([{ field: 'reason', message: 'Give a reason', rule: 'required' }])
    const amount = toUnits(body.amount, 'amount')
    await ownBill(who.customerId, ctx.params.id)
    const dispute = await transaction(async (trx) => {
      const bill = await lockBill(trx, ctx.params.id)
      return openDispute(trx, bill, { lineId: body.bill_line_id, amount, reason: body.reason, customerId: who.personId }, actorOf(ctx), requestFacts(ctx))
    })
    ctx.response.status(201)
    return presentPortalDispute(dispute)
  }

  /** GET /api/portal/statements/:month → BillDocument kind statement of the account acted in */
  async statement(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'wallet.view')
    return statementDocument(db.connection(), customerId, String(ctx.params.month))
  }
}
