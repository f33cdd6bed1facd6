import { defineResource } from '#engine/define_resource'
import { CONTRACT_STATUSES, CONTRACT_TYPES, SIGNING_METHODS } from '#contract/bills'
import createContract from '#actions/contracts/create_contract'
import { l } from './_labels.js'

const staff = { type: 'relation' as const, filter: ['eq', 'in'] as Array<'eq' | 'in'>, relation: { resource: 'staff', labelField: 'email' } }
const contract = (label: ReturnType<typeof l>) => ({ type: 'relation' as const, label, filter: ['eq'] as Array<'eq'>, relation: { resource: 'contracts', labelField: 'number' } })

/**
 * Contracts with organizations (PRD §3.1 机构合同管理). Created on an organization from a template
 * (its file copied as the draft) or an uploaded file; signed online (the organization's admin
 * accepts in the portal: name, time, IP) or offline (`upload_signed`: the scan, by staff). Replace
 * keeps the previous file as a version (contract-versions); void needs a reason; renew makes a new
 * contract linked to this one; the daily `contracts-expire` job ends active contracts past their
 * last day. The file field downloads through a signed link. See backend/actions/contracts/.
 */
export default defineResource({
  name: 'contracts',
  label: l('Contracts', '机构合同'),
  group: 'organizations',
  icon: 'file',
  menuOrder: 50,
  table: 'contracts',
  titleField: 'number',
  defaultSort: [{ field: 'id', order: 'desc' }],
  operations: { create: true, edit: false, delete: false, export: true },
  primaryFilters: ['org_id', 'type', 'signing_method', 'expires_on', 'number'],
  quickTabs: { field: 'status', tabs: CONTRACT_STATUSES.map((s) => ({ key: s.value, label: s.label, values: [s.value] })) },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    number: { type: 'string', label: l('Contract number', '合同编号'), list: true, sortable: true, searchable: true, filter: ['eq', 'contains'] },
    org_id: {
      type: 'relation',
      label: l('Organization', '机构'),
      list: true,
      create: true,
      required: true,
      filter: ['eq', 'in'],
      relation: { resource: 'organizations', labelField: 'org_name' },
    },
    type: { type: 'enum', label: l('Contract type', '合同类型'), list: true, create: true, required: true, sortable: true, filter: ['eq', 'in'], options: CONTRACT_TYPES },
    title: { type: 'string', label: l('Title', '合同名称'), list: true, create: true, required: true, searchable: true, filter: ['contains'], maxLength: 200 },
    template_id: {
      type: 'relation',
      label: l('From template', '使用模板'),
      create: true,
      filter: ['eq'],
      relation: { resource: 'contract-templates', labelField: 'name' },
      help: l('Its file is copied as the draft; or upload a file instead', '复制模板文件作为合同草稿；或改为上传文件'),
    },
    file_id: {
      type: 'file',
      purpose: 'contract',
      label: l('Contract file', '合同文件'),
      list: true,
      create: true,
      help: l('Upload when not starting from a template', '不使用模板时上传'),
    },
    file_name: { type: 'string', label: l('File name', '文件名'), sql: '(SELECT f.original_name FROM stored_files f WHERE f.id = contracts.file_id)' },
    version: { type: 'number', label: l('Version', '版本'), list: true, sortable: true },
    status: { type: 'enum', label: l('Status', '状态'), list: true, sortable: true, filter: ['eq', 'in'], options: CONTRACT_STATUSES },
    signing_method: { type: 'enum', label: l('Signing', '签署方式'), list: true, create: true, required: true, filter: ['eq', 'in'], options: SIGNING_METHODS },
    starts_on: { type: 'date', label: l('Starts', '生效日期'), list: true, create: true, required: true, sortable: true, filter: ['gte', 'lte'] },
    expires_on: { type: 'date', label: l('Expires', '到期日期'), list: true, create: true, required: true, sortable: true, filter: ['gte', 'lte'] },
    remark: { type: 'text', label: l('Remark', '备注'), create: true, maxLength: 2000 },
    signed_at: { type: 'datetime', label: l('Signed', '签署时间'), sortable: true, filter: ['gte', 'lte'] },
    signed_by_name: { type: 'string', label: l('Signed by (name)', '签署人姓名'), searchable: true, filter: ['contains'] },
    signed_by_customer_id: { type: 'relation', label: l('Signed by (account)', '签署账号'), filter: ['eq'], relation: { resource: 'users', labelField: 'email' } },
    signed_ip: { type: 'string', label: l('Signed from IP', '签署 IP') },
    signed_by_staff_id: { ...staff, label: l('Signed scan uploaded by', '签署件上传人') },
    voided_at: { type: 'datetime', label: l('Voided', '作废时间'), sortable: true, filter: ['gte', 'lte'] },
    voided_by: { ...staff, label: l('Voided by', '作废人') },
    void_reason: { type: 'text', label: l('Void reason', '作废原因') },
    expired_at: { type: 'datetime', label: l('Expired', '过期时间'), sortable: true },
    renewed_from_id: contract(l('Renewal of', '续签自')),
    renewed_to_id: contract(l('Renewed as', '已续签为')),
    created_by: { ...staff, label: l('Created by', '创建人') },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    updated_at: { type: 'datetime', label: l('Updated', '更新时间'), sortable: true },
  },
  relations: [
    { name: 'versions', label: l('Versions', '历史版本'), resource: 'contract-versions', filterField: 'contract_id' },
    { name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' },
  ],
  actions: {
    upload_signed: {
      label: l('Upload signed copy', '上传签署件'),
      scope: 'record',
      confirm: true,
      when: { field: 'status', eq: 'pending_signature' },
      fields: { file_id: { type: 'file', purpose: 'contract', label: l('Signed scan', '签署扫描件'), required: true } },
      handler: () => import('#actions/contracts/upload_signed_contract'),
    },
    replace: {
      label: l('Replace file', '替换文件'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'status', in: ['pending_signature', 'active'] },
      fields: { file_id: { type: 'file', purpose: 'contract', label: l('New file', '新文件'), required: true } },
      handler: () => import('#actions/contracts/replace_contract_file'),
    },
    renew: {
      label: l('Renew', '续签'),
      scope: 'record',
      confirm: true,
      when: { field: 'status', in: ['active', 'expired'] },
      fields: {
        starts_on: { type: 'date', label: l('Starts', '生效日期'), required: true },
        expires_on: { type: 'date', label: l('Expires', '到期日期'), required: true },
        file_id: {
          type: 'file',
          purpose: 'contract',
          label: l('Contract file', '合同文件'),
          help: l("Empty: a copy of the template's file (or of this contract's)", '留空：复制模板文件（无模板则复制本合同文件）'),
        },
      },
      resultTypes: { number: { type: 'string', label: l('New contract', '新合同编号') } },
      handler: () => import('#actions/contracts/renew_contract'),
    },
    void: {
      label: l('Void', '作废'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', in: ['pending_signature', 'active'] },
      handler: () => import('#actions/contracts/void_contract'),
    },
  },
  hooks: {
    beforeCreate: (values, _trx, deps) => createContract.handle({ values }, deps),
  },
})
