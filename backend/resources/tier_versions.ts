import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/**
 * A tier's timeline: one immutable row per change of a tier row (the database refuses UPDATE and
 * DELETE), with the full state after it, what changed (old → new), who and why.
 * `GET /api/admin/tier-versions?tier_code=pro&_sort=version&_order=desc`.
 */
export default defineResource({
  name: 'tier-versions',
  label: l('Tier versions', '等级版本'),
  group: 'customers',
  icon: 'history',
  menuOrder: 16,
  table: 'tier_versions',
  titleField: 'version',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['tier_code', 'created_at'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    tier_code: { type: 'string', label: l('Tier', '等级'), list: true, sortable: true, filter: ['eq', 'in'] },
    version: { type: 'number', label: l('Version', '版本'), list: true, sortable: true, filter: ['eq', 'gte', 'lte'] },
    changes: { type: 'json', label: l('Changes (old → new)', '变更（旧 → 新）'), list: true },
    state: { type: 'json', label: l('Tier after the change', '变更后的等级') },
    reason: { type: 'text', label: l('Reason', '原因'), list: true, searchable: true },
    actor_label: { type: 'string', label: l('Changed by', '操作人'), list: true, filter: ['eq', 'contains'] },
    actor_id: { type: 'relation', label: l('Staff', '员工'), filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    created_at: { type: 'datetime', label: l('Time', '时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
})
