import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/** Every file a contract template has had (version 1 as uploaded, then each replacement with its reason). Read-only. */
export default defineResource({
  name: 'contract-template-versions',
  label: l('Template versions', '模板版本'),
  group: 'organizations',
  icon: 'history',
  menuOrder: 80,
  table: 'contract_template_versions',
  titleField: 'version',
  defaultSort: [{ field: 'id', order: 'desc' }],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    template_id: { type: 'relation', label: l('Template', '模板'), list: true, filter: ['eq', 'in'], relation: { resource: 'contract-templates', labelField: 'name' } },
    version: { type: 'number', label: l('Version', '版本'), list: true, sortable: true, filter: ['eq'] },
    file_id: { type: 'file', purpose: 'contract_template', label: l('File', '文件'), list: true },
    file_name: { type: 'string', label: l('File name', '文件名'), list: true, sql: '(SELECT f.original_name FROM stored_files f WHERE f.id = contract_template_versions.file_id)' },
    reason: { type: 'text', label: l('Reason', '原因'), list: true },
    created_by: { type: 'relation', label: l('Uploaded by', '上传人'), list: true, filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    created_at: { type: 'datetime', label: l('Time', '时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
})
