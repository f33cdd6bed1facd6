/**
 * The wire shape of GET /api/admin/meta and of the engine's side endpoints (action responses,
 * list summaries, saved views, customer balances). The backend declares resources with these
 * types (backend/engine/types.ts adds its server-only parts: hooks, handlers, computed values)
 * and the console renders every generic screen from them, so both compile against one copy.
 */

import type { FilePurpose } from './files.js'

/** Every human-facing text the backend declares, in both languages. */
export type Label = { 'en': string; 'zh-CN': string }

/** Shorthand for a bilingual label. */
export const label = (en: string, zh: string): Label => ({ 'en': en, 'zh-CN': zh })

export type FieldType =
  | 'string'
  | 'text'
  | 'number'
  | 'money'
  | 'boolean'
  | 'enum'
  | 'date'
  | 'datetime'
  | 'json'
  | 'relation'
  | 'file'
  | 'tags'

/** List operators, in the console's words. On the wire: eq `f=`, ne `f_ne=`, gte, lte, contains `f_like=`, in (repeated `f=`). */
export type Operator = 'eq' | 'ne' | 'gte' | 'lte' | 'contains' | 'in'

export interface EnumOption {
  value: string
  label: Label
  /** antd Tag colour. */
  color?: string
}

/** What a resource declares about a field and the console needs too. */
export interface FieldDecl {
  type: FieldType
  label: Label
  list?: boolean
  show?: boolean
  create?: boolean
  edit?: boolean
  required?: boolean
  filter?: Operator[]
  sortable?: boolean
  searchable?: boolean
  /** Masked in lists, exports and audit unless the caller holds `view_sensitive`. */
  sensitive?: boolean
  /** Accepted on create/edit but never read back (e.g. a password). */
  writeOnly?: boolean
  options?: readonly EnumOption[]
  relation?: { resource: string; labelField: string }
  /** money: currency code (or the ledger asset) and number of decimal places stored as integer minor units. */
  currency?: string
  scale?: number
  /**
   * json: an amount per currency (plan prices), decimal strings at `scale` on the wire — `{ "USD": "9.90" }` —
   * integer minor units in the database; the console edits one money input per currency.
   */
  currencies?: readonly string[]
  /** enum: the values a create/edit form offers when fewer than `options` (lists and filters keep them all). */
  formOptions?: ReadonlyArray<string | number | boolean>
  maxLength?: number
  minLength?: number
  min?: number
  max?: number
  /** string fields: extra format check. */
  format?: 'email' | 'phone' | 'uuid'
  help?: Label
  /** file: what the uploaded file is for (sent with the upload); the value is the stored file's id. */
  purpose?: FilePurpose
  /** file: a list of stored file ids instead of one. */
  multiple?: boolean
}

/**
 * Text in meta as the console reads it. The server always sends a full Label; the console also
 * builds declarations of its own (the audit filters) and falls back to the other language or the
 * field name when one is missing, so it accepts a partial label or plain text.
 */
export type MetaText = Partial<Label> | string

export interface OptionMeta {
  value: string | number | boolean
  label?: MetaText
  color?: string
}

/** A field as the console receives it: named, with the caller's view of it applied. */
export interface FieldMeta extends Omit<FieldDecl, 'relation' | 'label' | 'help' | 'options'> {
  name: string
  label?: MetaText
  help?: MetaText
  options?: readonly OptionMeta[]
  relation?: { resource: string; labelField?: string }
  /** Computed by the server (an SQL expression or a derived value): shown, sorted and filtered, never written. */
  readOnly?: boolean
  /** money: the row field holding each row's currency, when it varies per row. */
  currencyField?: string
  /** json: one amount per currency (plan prices): decimal strings at `scale` on the wire. */
  currencies?: readonly string[]
  /** enum: the values create/edit forms offer when fewer than `options` (lists and filters offer all). */
  formOptions?: ReadonlyArray<string | number | boolean>
}

export interface RelationMeta {
  name: string
  label?: MetaText
  resource: string
  filterField: string
}

/** The button is shown only when the record matches (`eq`, or one of `in`); the server re-checks. */
export interface ActionCondition {
  field: string
  eq?: unknown
  ne?: unknown
  in?: unknown[]
}

export type ActionScope = 'record' | 'collection' | 'bulk'

/** How the console formats one value of an action's `result`. */
export type ResultTypes = Record<string, { type: FieldType; label: Label; currency?: string }>

export interface ActionMeta {
  name: string
  label?: MetaText
  scope: ActionScope
  confirm?: boolean
  reason?: boolean
  danger?: boolean
  fields?: FieldMeta[]
  when?: ActionCondition
  once?: boolean
  resultTypes?: ResultTypes
}

/** What an engine-run action answers. `once` only for real one-time secrets (codes, reset links, keys). */
export interface ActionResponse {
  message: string
  result?: Record<string, unknown>
  once?: boolean
  resultTypes?: ResultTypes
}

export type Operation = 'list' | 'show' | 'create' | 'edit' | 'delete' | 'export'

export interface QuickTab {
  key: string
  label?: MetaText
  values: string[]
}

/** Tabs over the main status; the implicit first tab is "all"; a tab sends `field=v1&field=v2`. */
export interface QuickTabs {
  field: string
  tabs: QuickTab[]
}

/** The server sends every key; the console defaults the optional ones (tests build partial declarations). */
export interface ResourceMeta {
  name: string
  label?: MetaText
  group?: string
  /** One of ICON_NAMES (see icons.ts). */
  icon?: string
  /** Column that identifies a record in URLs; "id" when absent. */
  primaryKey?: string
  titleField?: string
  defaultSort?: Array<{ field: string; order: 'asc' | 'desc' }>
  operations?: Partial<Record<Operation, boolean>>
  fields: FieldMeta[]
  relations?: RelationMeta[]
  actions?: ActionMeta[]
  permissions: string[]
  /** At most six field names shown inline; every other filterable field sits behind "More filters". */
  primaryFilters?: string[]
  quickTabs?: QuickTabs
  /** Money fields whose sum over the filtered rows is shown above the table. */
  totals?: string[]
}

export interface StaffUser {
  id: number | string
  email: string
  name: string
  role: { id: number | string; name: string; label?: MetaText }
  locale?: string
}

export interface AdminMeta {
  user: StaffUser
  resources: ResourceMeta[]
  groups?: Record<string, MetaText>
  settings?: { currency?: string; [key: string]: unknown }
}

/** A money sum in one currency; `amount` is a decimal string like every money field. */
/** The sum of a money field in one currency, or of a count field (tokens): then `currency` is absent. */
export interface MoneyTotal {
  currency?: string
  amount: string
}

/** GET /api/admin/<resource>/summary?<the list's filters and q>. Tab counts ignore the list's own filter on the tab field. */
export interface ListSummary {
  count: number
  estimated: boolean
  tabs?: Record<string, number>
  totals?: Record<string, MoneyTotal[]>
}

/** A staff member's saved list view; `query` is the list's URL search string. */
export interface SavedView {
  id: number
  resource: string
  name: string
  query: string
  created_at: string
}

/** GET /api/admin/users/:id/balances (decimal strings in the ledger asset). */
export interface CustomerBalances {
  currency: string
  cash: string
  gift: string
  onHold: string
  arrears: string
}
