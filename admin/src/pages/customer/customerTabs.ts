import type { BaseKey, LogicalFilter } from '@refinedev/core'
import type { AdminMeta, LocalizedText } from '../../meta/types'
import { canDo, findResource } from '../../meta/permissions'
import { isOrgRelation } from './org/orgResources'

/** One tab of the customer page: a generated list of `resource` narrowed to this customer. */
export interface CustomerTab {
  key: string
  resource: string
  /** i18n key of the title, or the declared relation's label. */
  title: { key: string } | { label: LocalizedText | undefined; fallback: string }
  fixed: LogicalFilter[]
  /** Show the ledger's amounts with the customer's sign. */
  signed?: boolean
}

const VOUCHER_TYPES = ['voucher_grant', 'voucher_expiry']

/**
 * The lookups of the ops manual's customer-service section, in the order support asks them:
 * payments (orders, refunds), money (ledger, vouchers, codes, cash adjustments). Each tab shows
 * only when the viewer may list its resource.
 */
const KNOWN: Array<Omit<CustomerTab, 'fixed' | 'title'> & { field: string; extra?: LogicalFilter[] }> = [
  { key: 'orders', resource: 'orders', field: 'customer_id' },
  { key: 'refunds', resource: 'refunds', field: 'customer_id' },
  { key: 'ledger', resource: 'ledger-transactions', field: 'customer_id', signed: true },
  { key: 'vouchers', resource: 'ledger-transactions', field: 'customer_id', signed: true, extra: [{ field: 'type', operator: 'in', value: VOUCHER_TYPES }] },
  { key: 'codes', resource: 'redemption-codes', field: 'redeemed_by' },
  { key: 'cashAdjustments', resource: 'cash-adjustments', field: 'customer_id' },
]

/**
 * Relations of the customer the tabs above already answer, or the page shows elsewhere: the
 * balances in the header (accounts), voucher grants in the vouchers tab, history in its own tab.
 */
const COVERED = new Set(['accounts', 'campaign-grants', 'audit-logs', ...KNOWN.map((k) => k.resource)])

/**
 * The tabs for one customer: the known lookups, then any other relation the users resource declares
 * (sessions, keys, usage, tickets as they are added), each listing only this customer's rows.
 */
export function customerTabs(meta: AdminMeta, customerId: BaseKey): CustomerTab[] {
  const users = findResource(meta, 'users')
  const known: CustomerTab[] = KNOWN.map(({ field, extra = [], ...tab }) => ({
    ...tab,
    title: { key: `customer.tabs.${tab.key}` },
    fixed: [{ field, operator: 'eq', value: customerId }, ...extra],
  }))
  const declared: CustomerTab[] = (users?.relations ?? [])
    // an organization's members, contracts and bills are its panel's tabs
    .filter((r) => !COVERED.has(r.resource) && !isOrgRelation(r.resource, r.filterField))
    .map((r) => ({
      key: `relation:${r.name}`,
      resource: r.resource,
      title: { label: r.label, fallback: r.name },
      fixed: [{ field: r.filterField, operator: 'eq', value: customerId }],
    }))
  return [...known, ...declared].filter((tab) => canDo(findResource(meta, tab.resource), 'list'))
}
