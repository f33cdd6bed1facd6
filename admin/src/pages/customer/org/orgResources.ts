import type { BaseRecord, LogicalFilter } from '@refinedev/core'
import type { ActionMeta, AdminMeta, FieldMeta, ResourceMeta } from '../../../meta/types'
import { findResource } from '../../../meta/permissions'
import { actionApplies, permittedActions } from '../../../engine/actions/visibility'

/** The generated resources the organization panel reads, each narrowed by the organization's id. */
export const ORG_RESOURCES = {
  organizations: 'organizations',
  members: 'organization-members',
  invitations: 'organization-invitations',
  kyc: 'org-kyc-reviews',
  contracts: 'contracts',
  bills: 'bills',
} as const

/** Customer columns about the organization: shown in the panel, not among the customer's details. */
export const ORG_PANEL_FIELDS = [
  'org_type', 'org_name', 'org_address', 'org_opened_at', 'org_opened_by', 'billing_mode', 'bill_cycle', 'bill_cycle_days',
  'bill_anchor', 'payment_terms_days', 'overdue_suspend_days', 'tax_rate', 'bill_discount_rate', 'billing_suspended_at',
  'billing_suspended_reason',
]

/** The column every organization-owned row names its organization by. */
export const ORG_FIELD = 'org_id'

/** Relations of `users` the panel answers itself (the organization's members, contracts, bills …). */
export const isOrgRelation = (resource: string, filterField: string) =>
  filterField === ORG_FIELD && (Object.values(ORG_RESOURCES) as string[]).includes(resource)

export const fieldOf = (resource: ResourceMeta | undefined, name: string): FieldMeta | undefined => resource?.fields.find((f) => f.name === name)

/**
 * An equality filter, only when the resource declares the field as filterable by it: a list asked
 * for an undeclared filter refuses, so a missing declaration shows all-or-nothing rather than an error.
 */
export function eqFilter(resource: ResourceMeta | undefined, field: string, value: unknown): LogicalFilter[] {
  const declared = fieldOf(resource, field)?.filter ?? []
  return declared.includes('eq') || declared.includes('in') ? [{ field, operator: 'eq', value }] : []
}

/** The first of `names` the resource declares: the panel names fields as the schema does. */
export const firstField = (resource: ResourceMeta | undefined, names: string[]) => names.map((n) => fieldOf(resource, n)).find(Boolean)

/**
 * A declared record action of the customer (or of its `organizations` view) that this viewer may
 * run on this record: run through the engine's dialog, so permissions, `when`, confirmations and
 * reasons behave as on every other screen.
 */
export function orgAction(meta: AdminMeta, name: string, record: BaseRecord | undefined): { resource: ResourceMeta; action: ActionMeta } | null {
  for (const resourceName of ['users', ORG_RESOURCES.organizations]) {
    const resource = findResource(meta, resourceName)
    const action = resource && permittedActions(resource, 'record').find((a) => a.name === name)
    if (resource && action && actionApplies(action, record)) return { resource, action }
  }
  return null
}
