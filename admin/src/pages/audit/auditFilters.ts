import type { AdminMeta, FieldMeta, FilterOperator, LocalizedText, ResourceMeta } from '../../meta/types'
import { pickLabel } from '../../meta/label'

/** The contract fixes `resource` and `record_id`; for the rest the first declared spelling wins. */
export const AUDIT_FIELDS = {
  actor: ['actor_label', 'actor_id'],
  actorType: ['actor_type'],
  resource: ['resource'],
  action: ['action'],
  time: ['occurred_at', 'created_at'],
} as const

const fallbackLabels: Record<string, LocalizedText> = {
  actor: { en: 'Actor', 'zh-CN': '操作人' },
  resource: { en: 'Resource', 'zh-CN': '资源' },
  action: { en: 'Action', 'zh-CN': '动作' },
  time: { en: 'Time', 'zh-CN': '时间' },
}

/**
 * The audit list's filters — actor, resource, action, time range — as a synthetic declaration the
 * generic FilterBar renders. Declared audit fields (and their operators) are used when meta has them;
 * the resource filter always offers the console's resources as a select.
 */
export function auditFilterResource(audit: ResourceMeta, meta: AdminMeta, lang: string): ResourceMeta {
  const declared = (names: readonly string[]) => names.map((n) => audit.fields.find((f) => f.name === n)).find((f) => f && f.filter?.length)
  const synthetic = (key: string, name: string, type: FieldMeta['type'], filter: FilterOperator[]): FieldMeta => ({ name, type, label: fallbackLabels[key], filter })

  const actor = declared(AUDIT_FIELDS.actor) ?? synthetic('actor', 'actor_id', 'string', ['eq'])
  const actorType = declared(AUDIT_FIELDS.actorType)
  const resourceField = declared(AUDIT_FIELDS.resource)
  const resource: FieldMeta = {
    name: 'resource',
    type: 'enum',
    label: resourceField?.label ?? fallbackLabels.resource,
    filter: resourceField?.filter?.includes('in') ? ['in'] : ['eq'],
    options: meta.resources.map((r) => ({ value: r.name, label: pickLabel(r.label, lang, r.name) })),
  }
  const action = declared(AUDIT_FIELDS.action) ?? synthetic('action', 'action', 'string', ['eq'])
  const time = declared(AUDIT_FIELDS.time) ?? synthetic('time', 'created_at', 'datetime', ['gte', 'lte'])
  const fields = [actor, ...(actorType ? [actorType] : []), resource, action, time]
  // all five inline: they are the audit viewer's whole filter set (the bar allows six)
  return { ...audit, fields, primaryFilters: fields.map((f) => f.name) } as ResourceMeta
}
