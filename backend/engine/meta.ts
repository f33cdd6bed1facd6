/**
 * What the console renders from: every resource the caller may view, its fields,
 * operators, actions and the caller's own permissions on it.
 */
import permissions from '#services/permissions'
import creditdesk from '#config/creditdesk'
import type Staff from '#models/staff'
import type { FieldMeta, ResourceMeta } from '#contract/meta'
import type { FieldDef, ResourceDef } from './types.js'
import { allResources, permissionNames } from './registry.js'
import { defaultSortFor, readableBy } from './list_query.js'
import { PERMISSION_AREAS, areaMeta } from './areas.js'

export const GROUPS = {
  dashboard: { 'en': 'Dashboard', 'zh-CN': '仪表盘' },
  customers: { 'en': 'Customers', 'zh-CN': '用户与机构' },
  organizations: { 'en': 'Organizations & contracts', 'zh-CN': '机构与合同' },
  billing: { 'en': 'Billing', 'zh-CN': '费用与账单' },
  usage: { 'en': 'Usage', 'zh-CN': '用量与计费' },
  quotas: { 'en': 'Plans & quotas', 'zh-CN': '套餐与配额' },
  catalog: { 'en': 'Models & channels', 'zh-CN': '模型与渠道' },
  risk: { 'en': 'Risk control', 'zh-CN': '风控与安全' },
  system: { 'en': 'System & audit', 'zh-CN': '系统与审计' },
}

/**
 * A field the caller sees masked is offered neither as a filter, a sort nor a search column:
 * the list would refuse them (see list_query.ts), so the console must not offer them.
 */
function fieldMeta(name: string, field: FieldDef, canSeeSensitive = true): FieldMeta {
  const readable = readableBy(field, canSeeSensitive)
  return {
    name,
    type: field.type,
    label: field.label,
    list: field.list ?? false,
    show: field.show ?? !field.writeOnly,
    create: field.create ?? false,
    edit: field.edit ?? false,
    required: field.required ?? false,
    sortable: readable && (field.sortable ?? false),
    searchable: readable && (field.searchable ?? false),
    filter: readable ? (field.filter ?? []) : [],
    sensitive: field.sensitive ?? false,
    writeOnly: field.writeOnly ?? false,
    ...(field.options ? { options: field.options } : {}),
    ...(field.relation ? { relation: field.relation } : {}),
    ...(field.currency ? { currency: field.currency } : {}),
    ...(field.scale !== undefined ? { scale: field.scale } : {}),
    ...(field.currencies ? { currencies: field.currencies } : {}),
    ...(field.formOptions ? { formOptions: field.formOptions } : {}),
    ...(field.maxLength ? { maxLength: field.maxLength } : {}),
    ...(field.minLength ? { minLength: field.minLength } : {}),
    ...(field.min !== undefined ? { min: field.min } : {}),
    ...(field.max !== undefined ? { max: field.max } : {}),
    ...(field.format ? { format: field.format } : {}),
    ...(field.help ? { help: field.help } : {}),
    ...(field.sql || field.compute ? { readOnly: true } : {}),
    ...(field.currencyField ? { currencyField: field.currencyField } : {}),
    ...(field.purpose ? { purpose: field.purpose } : {}),
    ...(field.multiple ? { multiple: true } : {}),
  }
}

/** Typed as the contract's ResourceMeta: what the console compiles against is what is sent. */
export function resourceMeta(resource: ResourceDef, granted: string[]): ResourceMeta {
  const ops = resource.operations ?? {}
  const canSeeSensitive = granted.includes('view_sensitive')
  return {
    name: resource.name,
    label: resource.label,
    group: resource.group,
    icon: resource.icon ?? 'table',
    primaryKey: resource.primaryKey ?? 'id',
    titleField: resource.titleField,
    defaultSort: defaultSortFor(resource, canSeeSensitive),
    operations: {
      list: true,
      show: true,
      create: !!ops.create,
      edit: !!ops.edit,
      delete: !!ops.delete,
      export: ops.export !== false,
    },
    fields: Object.entries(resource.fields).map(([name, field]) => fieldMeta(name, field, canSeeSensitive)),
    relations: resource.relations ?? [],
    // only what this caller may filter on (a masked field is no filter for them)
    primaryFilters: (resource.primaryFilters ?? []).filter((name) => readableBy(resource.fields[name], canSeeSensitive)),
    ...(resource.quickTabs && readableBy(resource.fields[resource.quickTabs.field], canSeeSensitive) ? { quickTabs: resource.quickTabs } : {}),
    ...(resource.totals ? { totals: resource.totals.filter((name) => readableBy(resource.fields[name], canSeeSensitive)) } : {}),
    actions: Object.entries(resource.actions ?? {}).map(([name, action]) => ({
      name,
      label: action.label,
      scope: action.scope,
      confirm: action.confirm ?? false,
      reason: action.reason ?? false,
      danger: action.danger ?? false,
      fields: Object.entries(action.fields ?? {}).map(([n, f]) => fieldMeta(n, { create: true, ...f })),
      ...(action.when ? { when: action.when } : {}),
      ...(action.once ? { once: true } : {}),
      ...(action.resultTypes ? { resultTypes: action.resultTypes } : {}),
    })),
    permissions: granted,
  }
}

export async function buildMeta(staff: Staff) {
  const resources = []
  for (const resource of allResources()) {
    const granted = await permissions.actionsOn(staff.roleId, resource.name, permissionNames(resource))
    if (!granted.includes('view')) continue
    resources.push(resourceMeta(resource, granted))
  }
  for (const area of PERMISSION_AREAS) {
    const granted = await permissions.actionsOn(staff.roleId, area.name, area.actions)
    if (granted.includes('view')) resources.push(areaMeta(area, granted))
  }
  return { resources, groups: GROUPS, settings: { currency: creditdesk.asset, files: { maxBytes: creditdesk.files.maxBytes, types: creditdesk.files.types } } }
}
