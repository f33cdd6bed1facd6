import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import creditdesk from '#config/creditdesk'
import { acting } from '#services/portal/acting'
import { findResource } from '#engine/registry'
import { parseListQuery } from '#engine/list_query'
import { serveList } from '#engine/list'
import { fromUnits } from '#services/ledger/amounts'
import { ARREARS } from '#services/ledger/accounts'
import { HELD } from '#services/holds/accounts'
import { BadRequest } from '#exceptions/domain_errors'
import { transactionDetails } from '#services/portal/transaction_details'

/** Fields of a ledger transaction a customer may see and filter on about themselves. */
const CUSTOMER_FIELDS = ['id', 'created_at', 'type', 'amount', 'reference_type', 'reference_id', 'memo']

/**
 * The wallet of the account acted in (an organization's is shared by its members): balances by bucket, what is on hold (`held`: credit reserved
 * for jobs in progress, not spendable until captured or released), what they owe (`arrears`: money the
 * payment provider took back after it was spent, settled first by the next recharge; charges
 * are refused until then), live gift lots (dashboard.view), and its history (wallet.view).
 */
export default class PortalWalletController {
  async show(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'dashboard.view')
    const accounts = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: customerId, asset: creditdesk.asset })
    const balance = (code: string) => BigInt(accounts.find((a) => a.code === code)?.balance ?? 0)
    const gift = accounts.find((a) => a.code === 'gift')
    const lots = gift
      ? await db.from('gift_lots').where('account_id', gift.id).where('remaining', '>', 0).orderByRaw('expires_at ASC NULLS LAST, id ASC').limit(200)
      : []
    return {
      asset: creditdesk.asset,
      cash: fromUnits(balance('cash')),
      gift: fromUnits(balance('gift')),
      total: fromUnits(balance('cash') + balance('gift')),
      held: fromUnits(balance(HELD)),
      arrears: fromUnits(-balance(ARREARS)),
      gift_lots: lots.map((l) => ({
        id: Number(l.id),
        source_type: l.source_type,
        amount: fromUnits(l.amount),
        remaining: fromUnits(l.remaining),
        expires_at: l.expires_at ? new Date(l.expires_at).toISOString() : null,
        granted_at: new Date(l.created_at).toISOString(),
      })),
    }
  }

  /** Same list contract as the console (`_start`, `_end`, `type=`, `created_at_gte=` …), always scoped to the caller. */
  async transactions(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'wallet.view')
    const resource = findResource('ledger-transactions')!
    const qs = ctx.request.qs()
    for (const key of Object.keys(qs)) {
      const field = key.replace(/_(ne|gte|lte|like)$/, '')
      if (!key.startsWith('_') && !CUSTOMER_FIELDS.includes(field) && !CUSTOMER_FIELDS.includes(key)) {
        throw new BadRequest(`Unknown filter field "${field}"`)
      }
    }
    const plan = parseListQuery(resource, qs)
    return serveList(ctx, resource, plan, (rows) => this.#present(customerId, rows), (query) => query.where('customer_id', customerId))
  }

  async #present(customerId: number, rows: Array<Record<string, any>>) {
    const details = await transactionDetails(customerId, rows as Parameters<typeof transactionDetails>[1])
    return rows.map((r, i) => ({
      id: Number(r.id),
      created_at: new Date(r.created_at).toISOString(),
      type: r.type,
      amount: fromUnits(r.amount),
      reference_type: r.reference_type,
      reference_id: r.reference_id,
      memo: r.memo,
      details: details[i],
    }))
  }
}
