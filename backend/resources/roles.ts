import { defineResource } from '#engine/define_resource'
import { Conflict, InvalidInput } from '#exceptions/domain_errors'
import permissions from '#services/permissions'
import { l } from './_labels.js'

/** Staff roles. Their grants are edited through the permission matrix (/api/admin/permissions). */
export default defineResource({
  name: 'roles',
  label: l('Roles', '角色'),
  group: 'system',
  icon: 'safety',
  menuOrder: 85,
  table: 'roles',
  titleField: 'label',
  defaultSort: [{ field: 'id', order: 'asc' }],
  primaryFilters: ['name', 'label'],
  operations: { create: true, edit: true, delete: true, export: false },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    name: { type: 'string', label: l('Key', '标识'), list: true, create: true, required: true, sortable: true, searchable: true, filter: ['eq', 'contains'], maxLength: 64, help: l('lower_case letters, digits and _', '小写字母、数字和下划线') },
    label: { type: 'string', label: l('Name', '名称'), list: true, create: true, edit: true, required: true, sortable: true, searchable: true, filter: ['contains'], maxLength: 120 },
    description: { type: 'text', label: l('Description', '描述'), list: true, create: true, edit: true, maxLength: 1000 },
    is_system: { type: 'boolean', label: l('System role', '系统角色'), list: true, filter: ['eq'] },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), sortable: true },
  },
  hooks: {
    beforeCreate(values) {
      if (!/^[a-z][a-z0-9_]{1,63}$/.test(String(values.name))) {
        throw new InvalidInput([{ field: 'name', message: 'Use lower_case letters, digits and _ (2–64 characters, starting with a letter)', rule: 'regex' }])
      }
      return { ...values, is_system: false }
    },
    async beforeDelete(record, trx) {
      if (record.is_system) throw new Conflict('System roles cannot be deleted')
      const used = await trx.from('staff').where('role_id', record.id).count('* as n').first()
      if (Number(used?.n) > 0) throw new Conflict('This role is assigned to staff; move them to another role first')
      permissions.invalidate()
    },
  },
})
