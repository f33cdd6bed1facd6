import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/** The audit trail, read-only: who did what to which record, before and after. */
export default defineResource({
  name: 'audit-logs',
  label: l('Audit log', '审计日志'),
  group: 'system',
  icon: 'audit',
  menuOrder: 90,
  table: 'audit_logs',
  titleField: 'action',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['actor_label', 'action', 'resource', 'record_id', 'occurred_at', 'actor_type'],
  operations: { create: false, edit: false, delete: false, export: true },
  // GET /api/admin/audit-integrity: verify the sealed chains of the audit trail and the ledger
  extraPermissions: ['verify_integrity'],
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in', 'gte', 'lte'] },
    occurred_at: { type: 'datetime', label: l('Time', '时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    actor_type: {
      type: 'enum',
      label: l('Actor type', '操作者类型'),
      list: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'staff', label: l('Staff', '员工'), color: 'blue' },
        { value: 'customer', label: l('Customer', '用户'), color: 'green' },
        { value: 'system', label: l('System', '系统'), color: 'default' },
      ],
    },
    actor_id: { type: 'number', label: l('Actor account', '操作者账号'), filter: ['eq', 'in'], labelBy: { typeField: 'actor_type', resources: { staff: 'staff', customer: 'users' } } },
    actor_label: { type: 'string', label: l('Actor', '操作者'), list: true, sortable: true, searchable: true, filter: ['eq', 'contains'] },
    actor_role: { type: 'string', label: l('Role', '角色'), list: true, filter: ['eq', 'in'] },
    action: { type: 'string', label: l('Action', '操作'), list: true, sortable: true, searchable: true, filter: ['eq', 'in', 'contains'] },
    resource: { type: 'string', label: l('Resource', '资源'), list: true, sortable: true, filter: ['eq', 'in'] },
    // labelled with the record's title in its own resource (the `resource` column names it)
    record_id: { type: 'string', label: l('Record', '对象'), list: true, filter: ['eq', 'in'], labelBy: { typeField: 'resource', resources: '*' } },
    changes: { type: 'json', label: l('Changes', '变更') },
    metadata: { type: 'json', label: l('Details', '详情') },
    reason: { type: 'text', label: l('Reason', '原因'), list: true, searchable: true, filter: ['contains'] },
    ip: { type: 'string', label: l('IP', 'IP'), list: true, filter: ['eq'] },
    user_agent: { type: 'string', label: l('User agent', '客户端') },
    request_id: { type: 'string', label: l('Request ID', '请求ID'), filter: ['eq'] },
  },
})
