import { defineResource } from '#engine/define_resource'
import { KYC_REVIEW_STATUSES } from '#contract/orgs'
import { l } from './_labels.js'

/**
 * Manual verification of organizations (PRD §3 机构认证): the documents filed (stored files), who
 * filed them, and the decision with its reviewer, time and reason. Approving or rejecting sets the
 * organization's verification status; the one who filed a review does not decide it.
 */
export default defineResource({
  name: 'org-kyc-reviews',
  label: l('Organization verification', '机构认证审核'),
  group: 'organizations',
  icon: 'safety',
  menuOrder: 40,
  table: 'org_kyc_reviews',
  titleField: 'legal_name',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['org_id', 'status', 'submitted_at'],
  quickTabs: { field: 'status', tabs: KYC_REVIEW_STATUSES.map((s) => ({ key: s.value, label: s.label, values: [s.value] })) },
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    org_id: { type: 'relation', label: l('Organization', '机构'), list: true, filter: ['eq', 'in'], relation: { resource: 'organizations', labelField: 'org_name' } },
    legal_name: { type: 'string', label: l('Legal name', '法定名称'), list: true, searchable: true, filter: ['contains'] },
    registration_number: { type: 'string', label: l('Registration number', '注册号'), list: true, searchable: true, filter: ['eq'] },
    document_file_ids: { type: 'file', purpose: 'kyc_document', multiple: true, label: l('Documents', '认证材料') },
    note: { type: 'text', label: l('Note', '备注') },
    submitted_by_staff_id: { type: 'relation', label: l('Filed by', '提交人'), relation: { resource: 'staff', labelField: 'email' } },
    submitted_at: { type: 'datetime', label: l('Filed', '提交时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    status: { type: 'enum', label: l('Status', '状态'), list: true, sortable: true, filter: ['eq', 'in'], options: KYC_REVIEW_STATUSES },
    reviewer_id: { type: 'relation', label: l('Reviewer', '审核人'), list: true, relation: { resource: 'staff', labelField: 'email' } },
    decided_at: { type: 'datetime', label: l('Decided', '审核时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    decision_reason: { type: 'text', label: l('Reason', '审核意见') },
  },
  actions: {
    approve: {
      label: l('Approve', '通过'),
      scope: 'record',
      confirm: true,
      when: { field: 'status', eq: 'pending' },
      handler: () => import('#actions/orgs/approve_kyc'),
    },
    reject: {
      label: l('Reject', '驳回'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', eq: 'pending' },
      handler: () => import('#actions/orgs/reject_kyc'),
    },
  },
})
