import { defineResource } from '#engine/define_resource'
import { CONTRACT_TYPES, TEMPLATE_STATUSES } from '#contract/bills'
import createContractTemplate from '#actions/contracts/create_contract_template'
import { l } from './_labels.js'

const staff = { type: 'relation' as const, filter: ['eq', 'in'] as Array<'eq' | 'in'>, relation: { resource: 'staff', labelField: 'email' } }

/**
 * Contract templates (PRD §3.1 合同模板): template files, typed enterprise / developer
 * organization, from which new contracts start (the template's file is copied as the draft).
 * Upload (create with an uploaded file), download (the file field: a signed link), replace (the
 * earlier file kept as a version, contract-template-versions) and delete (soft, with a reason).
 * See backend/actions/contracts/.
 */
export default defineResource({
  name: 'contract-templates',
  label: l('Contract templates', '合同模板'),
  group: 'organizations',
  icon: 'file',
  menuOrder: 60,
  table: 'contract_templates',
  titleField: 'name',
  defaultSort: [{ field: 'id', order: 'desc' }],
  operations: { create: true, edit: true, delete: false, export: true },
  primaryFilters: ['name', 'type', 'created_at'],
  quickTabs: { field: 'status', tabs: TEMPLATE_STATUSES.map((s) => ({ key: s.value, label: s.label, values: [s.value] })) },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    name: { type: 'string', label: l('Name', '模板名称'), list: true, create: true, edit: true, required: true, sortable: true, searchable: true, filter: ['contains'], maxLength: 160 },
    type: { type: 'enum', label: l('Contract type', '合同类型'), list: true, create: true, required: true, sortable: true, filter: ['eq', 'in'], options: CONTRACT_TYPES },
    description: { type: 'text', label: l('Description', '说明'), create: true, edit: true, maxLength: 2000 },
    file_id: {
      type: 'file',
      purpose: 'contract_template',
      label: l('Template file', '模板文件'),
      list: true,
      create: true,
      required: true,
      help: l('PDF or Word document; replace it later with the Replace action', 'PDF 或 Word 文件；之后可用「替换」更换'),
    },
    file_name: { type: 'string', label: l('File name', '文件名'), list: true, sql: '(SELECT f.original_name FROM stored_files f WHERE f.id = contract_templates.file_id)' },
    version: { type: 'number', label: l('Version', '版本'), list: true, sortable: true },
    status: { type: 'enum', label: l('Status', '状态'), list: true, sortable: true, filter: ['eq', 'in'], options: TEMPLATE_STATUSES },
    created_by: { ...staff, label: l('Uploaded by', '上传人') },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    deleted_by: { ...staff, label: l('Deleted by', '删除人') },
    deleted_at: { type: 'datetime', label: l('Deleted', '删除时间'), sortable: true, filter: ['gte', 'lte'] },
    updated_at: { type: 'datetime', label: l('Updated', '更新时间'), sortable: true },
  },
  relations: [
    { name: 'versions', label: l('Versions', '历史版本'), resource: 'contract-template-versions', filterField: 'template_id' },
    { name: 'contracts', label: l('Contracts', '合同'), resource: 'contracts', filterField: 'template_id' },
    { name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' },
  ],
  actions: {
    replace: {
      label: l('Replace file', '替换文件'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'status', eq: 'active' },
      fields: { file_id: { type: 'file', purpose: 'contract_template', label: l('New file', '新文件'), required: true } },
      handler: () => import('#actions/contracts/replace_contract_template'),
    },
    delete: {
      label: l('Delete', '删除'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', eq: 'active' },
      handler: () => import('#actions/contracts/delete_contract_template'),
    },
  },
  hooks: {
    beforeCreate: (values, _trx, deps) => createContractTemplate.handle({ values }, deps),
  },
})
