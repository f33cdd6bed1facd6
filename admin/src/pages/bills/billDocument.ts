import { useCustom, type BaseKey } from '@refinedev/core'
import type { BillDocument } from '@creditdesk/contract/bills'
import { API_URL } from '../../providers/http'

export type { BillDocument }

/** GET /bills/:id/reconciliation (bills: reconcile): the period's usage charge, provider cost, ledger postings and the bill's subtotal. */
export interface BillReconciliation {
  usage_charged: string
  provider_cost: string
  ledger_posted: string
  bill_subtotal?: string
  /** The bill's subtotal less what the ledger debited in the period. */
  difference: string
  /** Failed checks (`usage_vs_ledger`, `bill_vs_ledger`), each an open reconciliation finding. */
  findings: Array<{ id: number; check: string; expected: string; actual: string; status: string }>
}

export const billUrl = (id: BaseKey, tail: string) => `${API_URL}/bills/${encodeURIComponent(String(id))}/${tail}`

/** The bill as its PDF draws it: every figure on the page comes from here, so screen and PDF agree. */
export function useBillDocument(id: BaseKey) {
  const { result, query } = useCustom<BillDocument>({ url: billUrl(id, 'document'), method: 'get', errorNotification: false })
  return { document: query.isSuccess ? (result.data as BillDocument) : undefined, query }
}

export function useBillReconciliation(id: BaseKey, enabled: boolean) {
  const { result, query } = useCustom<BillReconciliation>({ url: billUrl(id, 'reconciliation'), method: 'get', errorNotification: false, queryOptions: { enabled } })
  return { reconciliation: query.isSuccess ? (result.data as BillReconciliation) : undefined, query }
}
