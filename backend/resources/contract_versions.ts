import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/**
 * Every file a contract has had (read-only): version 1 its draft, then each replacement (with the
 * reason) or signed scan. The current one is the contract's own version number.
 */
export default defineResource({
  name: 'contract-versions',
  label: l('Contract versions', '合同版本'),
  group: 'organizations',
  icon: 'history',
  menuOrder: 70,
  table: 'contract_versions',
  titleField: 'version',
  defaultSort: [{ field: 'id', order: 'desc' }],
  operations: { create: false, edit: false, delete: false, export: true },
  primaryFilters: ['contract_id', 'kind', 'created_at'],
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    contract_id: { type: 'relation', label: l('Contract', '合同'), list: true, filter: ['eq', 'in'], relation: { resource: 'contracts', labelField: 'number' } },
    version: { type: 'number', label: l('Version', '版本'), list: true, sortable: true, filter: ['eq'] },
    kind: {
      type: 'enum',
      label: l('Kind', '类型'),
      list: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'draft', label: l('Draft', '草稿'), color: 'default' },
        { value: 'signed_scan', label: l('Signed scan', '签署扫描件'), color: 'green' },
        { value: 'replacement', label: l('Replacement', '替换件'), color: 'blue' },
      ],
    },
    file_id: { type: 'file', purpose: 'contract', label: l('File', '文件'), list: true },
    file_name: { type: 'string', label: l('File name', '文件名'), list: true, sql: '(SELECT f.original_name FROM stored_files f WHERE f.id = contract_versions.file_id)' },
    reason: { type: 'text', label: l('Reason', '原因'), list: true },
    created_by_staff_id: { type: 'relation', label: l('By', '操作人'), list: true, filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    created_at: { type: 'datetime', label: l('Time', '时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
})
