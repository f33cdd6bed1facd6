/**
 * The vocabulary of a resource declaration. A file under backend/resources/ exports one
 * `defineResource({...})`; the engine derives REST, filters, export, meta, policies and
 * audit from it.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { EngineAction, UseCaseDeps } from '#services/use_case'

// The parts the console shares (labels, field types, operators, enum options) live in the contract.
import type { EnumOption, FieldDecl, FieldType, Label, Operator, ResultTypes } from '#contract/meta'
export type { EnumOption, FieldType, Label, Operator, ResultTypes }
import type { IconName } from '#contract/icons'

/** A field as a resource declares it: what the console sees (FieldDecl) plus the server-only parts. */
export interface FieldDef extends FieldDecl {
  /** Database column; defaults to the field name. */
  column?: string
  /** Read-only value computed from the row. */
  compute?: (row: Record<string, any>) => unknown
  /**
   * Read-only SQL expression evaluated per row over the resource's own table (referenced by its
   * table name). Selected, sorted, filtered (with the declared operators) and exported like a
   * column; never written.
   */
  sql?: string
  /** money: the column holding each row's currency, when it varies per row (orders: `currency`). */
  currencyField?: string
  /**
   * A plain id column whose target depends on another column of the row (an audit row's record,
   * a ledger transaction's actor): `typeField`'s value picks the resource, `'*'` when the value is
   * the resource name itself. The row's `_labels` carry the target's label.
   */
  labelBy?: { typeField: string; resources: Record<string, string> | '*' }
}

export interface ActionResult {
  message: string
  /** Values shown to the caller (never audited). */
  result?: Record<string, unknown>
  /** True only for real one-time secrets (codes, reset links, keys). */
  once?: boolean
  resultTypes?: ResultTypes
  /** Extra facts for the audit row. */
  auditMetadata?: Record<string, unknown>
}

/** An action's use case, of the one shape: `handle({ record, ids, fields, reason }, { trx, actor, facts })`. */
export type UseCase = EngineAction

export interface ActionDef {
  label: Label
  scope: 'record' | 'collection' | 'bulk'
  confirm?: boolean
  reason?: boolean
  danger?: boolean
  fields?: Record<string, FieldDef>
  /** Show the button only when the record matches (`eq`, not `ne`, or one of `in`). The server re-checks in the use case. */
  when?: { field: string; eq?: unknown; ne?: unknown; in?: unknown[] }
  /** The result is a one-time secret (generated codes, a reset link): the console says "copy this now". */
  once?: boolean
  /** How the console formats each `result` value (money, datetime, enum labels). */
  resultTypes?: ResultTypes
  handler: () => Promise<{ default: UseCase }>
}


export interface RelationDef {
  name: string
  label: Label
  resource: string
  filterField: string
}

export interface WriteHooks {
  /** Turn validated input into column values (e.g. hash a password). Throw a domain error to refuse. */
  beforeCreate?: (values: Record<string, any>, trx: TransactionClientContract, deps: UseCaseDeps) => Promise<Record<string, any>> | Record<string, any>
  beforeUpdate?: (
    values: Record<string, any>,
    record: Record<string, any>,
    trx: TransactionClientContract,
    deps: UseCaseDeps
  ) => Promise<Record<string, any>> | Record<string, any>
  beforeDelete?: (record: Record<string, any>, trx: TransactionClientContract, deps: UseCaseDeps) => Promise<void> | void
}

/** A column equal to the typed value, or an indexed SQL condition over the table (`?` = the text). */
export type ExactMatch = { column: string; value: string | number } | { sql: string; value: string }

export interface ResourceDef {
  name: string
  label: Label
  group: string
  /** One of the contract's icon names (the console has a component for each). */
  icon?: IconName
  /** Position in the console menu (lower first). */
  menuOrder?: number
  table: string
  primaryKey?: string
  titleField: string
  fields: Record<string, FieldDef>
  defaultSort: Array<{ field: string; order: 'asc' | 'desc' }>
  operations?: { create?: boolean; edit?: boolean; delete?: boolean; export?: boolean }
  actions?: Record<string, ActionDef>
  relations?: RelationDef[]
  hooks?: WriteHooks
  /** Extra permissions that exist on this resource without being an action (e.g. roles.manage). */
  extraPermissions?: string[]
  /** At most six filterable fields the console shows inline; the others sit behind "More filters". */
  primaryFilters?: string[]
  /** Tabs over the main status (the implicit first tab is "all"); a tab filters `field` IN `values`. */
  quickTabs?: { field: string; tabs: Array<{ key: string; label: Label; values: string[] }> }
  /** Money fields (per currency) and whole-number columns (token counts) summed over the filtered rows by the summary endpoint. */
  totals?: string[]
  /**
   * Exact matches a typed search also tries, beside the searchable fields (a redemption code typed
   * in full is looked up by its hash; a request id in any of the columns that index it). Returns
   * nothing when the text cannot be one.
   */
  exactSearch?: (typed: string) => ExactMatch | ExactMatch[] | null
}

export const CRUD_ACTIONS = ['view', 'create', 'edit', 'delete', 'export', 'view_sensitive'] as const
