/**
 * What a customer can understand about a ledger transaction's reference. The ledger stores
 * internal references (order id 7, code id 12, refund id 3) and an English memo written for
 * staff; the portal shows neither. Instead each row gets `details` — the order number and plan
 * name, the code's last four characters, the campaign's name, what an expired lot came from,
 * what a reversal undid — and the portal words them in the customer's language from the
 * transaction type.
 *
 * One query per reference kind present on the page, each scoped to the customer, so a reference
 * can never reveal another customer's data.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionDetails } from '#contract/wallet'

export type { TransactionDetails }

type Row = { reference_type: string | null; reference_id: string | null; reverses_transaction_id?: string | number | null }

const idsOf = (rows: Row[], type: string) => [...new Set(rows.filter((r) => r.reference_type === type && r.reference_id).map((r) => String(r.reference_id)))].filter((id) => /^\d{1,18}$/.test(id))

async function ordersById(customerId: number, ids: string[]) {
  if (!ids.length) return new Map<string, TransactionDetails>()
  const rows = await db
    .from('orders as o')
    .leftJoin('plan_versions as v', 'v.id', 'o.plan_version_id')
    .where('o.customer_id', customerId)
    .whereIn('o.id', ids)
    .select('o.id', 'o.number', 'o.plan_name', 'v.name_zh')
  return new Map(rows.map((o) => [String(o.id), { order_number: o.number, plan_name: o.plan_name, plan_name_zh: o.name_zh }]))
}

async function refundsById(customerId: number, ids: string[]) {
  if (!ids.length) return new Map<string, TransactionDetails>()
  const rows = await db.from('refunds as r').join('orders as o', 'o.id', 'r.order_id').where('r.customer_id', customerId).whereIn('r.id', ids).select('r.id', 'o.number')
  return new Map(rows.map((r) => [String(r.id), { order_number: r.number }]))
}

async function codesById(customerId: number, ids: string[]) {
  if (!ids.length) return new Map<string, TransactionDetails>()
  const rows = await db.from('redemption_codes').where('redeemed_by', customerId).whereIn('id', ids).select('id', 'last4')
  return new Map(rows.map((c) => [String(c.id), { code_last4: String(c.last4).trim() }]))
}

async function campaignsById(ids: string[]) {
  if (!ids.length) return new Map<string, TransactionDetails>()
  // a campaign's name is what its customers were told; the grant row itself is the customer's
  const rows = await db.from('campaigns').whereIn('id', ids).select('id', 'name')
  return new Map(rows.map((c) => [String(c.id), { campaign_name: c.name }]))
}

async function lotsById(customerId: number, ids: string[]) {
  if (!ids.length) return new Map<string, TransactionDetails>()
  const rows = await db
    .from('gift_lots as l')
    .join('ledger_accounts as a', 'a.id', 'l.account_id')
    .where({ 'a.owner_type': 'customer', 'a.owner_id': customerId })
    .whereIn('l.id', ids)
    .select('l.id', 'l.source_type')
  return new Map(rows.map((l) => [String(l.id), { source_type: l.source_type }]))
}

async function reversedTypes(customerId: number, ids: string[]) {
  if (!ids.length) return new Map<string, TransactionDetails>()
  const rows = await db.from('ledger_transactions').where('customer_id', customerId).whereIn('id', ids).select('id', 'type')
  return new Map(rows.map((t) => [String(t.id), { reversed_type: t.type }]))
}

/** `details` for each row (same order), from the customer's own records. */
export async function transactionDetails(customerId: number, rows: Row[]): Promise<TransactionDetails[]> {
  const reversed = [...new Set(rows.map((r) => r.reverses_transaction_id ?? (r.reference_type === 'transaction' ? r.reference_id : null)).filter((id) => id !== null && id !== undefined).map(String))]
  const [orders, refunds, codes, campaigns, lots, reversals] = await Promise.all([
    ordersById(customerId, idsOf(rows, 'order')),
    refundsById(customerId, idsOf(rows, 'refund')),
    codesById(customerId, idsOf(rows, 'redemption_code')),
    campaignsById(idsOf(rows, 'campaign')),
    lotsById(customerId, idsOf(rows, 'gift_lot')),
    reversedTypes(customerId, reversed.filter((id) => /^\d{1,18}$/.test(id))),
  ])
  const byType: Record<string, Map<string, TransactionDetails>> = { order: orders, refund: refunds, redemption_code: codes, campaign: campaigns, gift_lot: lots }
  return rows.map((r) => {
    const reversedId = r.reverses_transaction_id ?? (r.reference_type === 'transaction' ? r.reference_id : null)
    return {
      ...(r.reference_type && r.reference_id ? byType[r.reference_type]?.get(String(r.reference_id)) : undefined),
      ...(reversedId !== null && reversedId !== undefined ? reversals.get(String(reversedId)) : undefined),
    }
  })
}
