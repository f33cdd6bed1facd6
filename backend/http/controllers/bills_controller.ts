import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { NotFound } from '#exceptions/domain_errors'
import { actorOf } from '#services/audit'
import { transaction } from '#services/transaction'
import { billDocument, statementDocument } from '#services/bills/document'
import { reconcileBill } from '#services/bills/reconcile'

const id = (value: unknown) => {
  const text = String(value)
  if (!/^\d{1,18}$/.test(text)) throw new NotFound('Not found')
  return Number(text)
}

/** Console: a bill's document and reconciliation, and a prepaid customer's monthly statement. */
export default class BillsController {
  /** GET /api/admin/bills/:id/document → BillDocument (bills:view) */
  async document({ params }: HttpContext) {
    return billDocument(db.connection(), id(params.id))
  }

  /** GET /api/admin/bills/:id/reconciliation → usage vs cost vs ledger; mismatches recorded as findings (bills:reconcile) */
  async reconciliation(ctx: HttpContext) {
    const billId = id(ctx.params.id)
    return transaction((trx) => reconcileBill(trx, billId, actorOf(ctx)))
  }

  /** GET /api/admin/users/:id/statements/:month → BillDocument kind statement (users:view) */
  async statement({ params }: HttpContext) {
    return statementDocument(db.connection(), id(params.id), String(params.month))
  }
}
