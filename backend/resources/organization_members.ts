import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import { MEMBER_ROLES, MEMBER_STATUSES } from '#contract/orgs'
import { assertChangeable } from '#services/orgs/membership'
import { l } from './_labels.js'

const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }

/**
 * Members of organizations (PRD §10): who belongs to which organization with which role, and the
 * optional monthly spend cap on the keys assigned to them (verify refuses MEMBER_CAP_REACHED at it).
 * Staff change the role and cap, and remove a member with a reason (their keys are disabled).
 */
export default defineResource({
  name: 'organization-members',
  label: l('Organization members', '机构成员'),
  group: 'organizations',
  icon: 'team',
  menuOrder: 20,
  table: 'organization_members',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['org_id', 'customer_id', 'role', 'status', 'joined_at'],
  quickTabs: { field: 'status', tabs: MEMBER_STATUSES.map((s) => ({ key: s.value, label: s.label, values: [s.value] })) },
  operations: { create: false, edit: true, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    org_id: { type: 'relation', label: l('Organization', '机构'), list: true, filter: ['eq', 'in'], relation: { resource: 'organizations', labelField: 'org_name' } },
    customer_id: { type: 'relation', label: l('Member', '成员'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    role: { type: 'enum', label: l('Role', '角色'), list: true, edit: true, required: true, sortable: true, filter: ['eq', 'in'], options: MEMBER_ROLES },
    monthly_spend_cap: {
      ...money,
      label: l('Monthly spend cap', '每月消费上限'),
      list: true,
      edit: true,
      sortable: true,
      filter: ['gte', 'lte'],
      help: l('On the keys assigned to the member; empty = no cap', '作用于分配给该成员的密钥；留空表示不限'),
    },
    month_spend: {
      ...money,
      label: l('Spend this month', '本月消费'),
      list: true,
      sql: `(SELECT coalesce(sum(s.amount), 0) FROM api_key_spend s JOIN api_keys k ON k.id = s.api_key_id
              WHERE k.customer_id = organization_members.org_id AND k.member_id = organization_members.customer_id
                AND s.day >= date_trunc('month', now() AT TIME ZONE 'UTC')::date)`,
    },
    status: { type: 'enum', label: l('Status', '状态'), list: true, sortable: true, filter: ['eq', 'in'], options: MEMBER_STATUSES },
    joined_at: { type: 'datetime', label: l('Joined', '加入时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    invitation_id: { type: 'relation', label: l('Invitation', '邀请'), relation: { resource: 'organization-invitations', labelField: 'email' } },
    added_by_staff_id: { type: 'relation', label: l('Added by staff', '添加人（员工）'), relation: { resource: 'staff', labelField: 'email' } },
    added_by_customer_id: { type: 'relation', label: l('Invited by member', '邀请人（成员）'), relation: { resource: 'users', labelField: 'email' } },
    removed_at: { type: 'datetime', label: l('Removed', '移除时间'), sortable: true, filter: ['gte', 'lte'] },
    removed_reason: { type: 'text', label: l('Removal reason', '移除原因') },
  },
  hooks: {
    beforeUpdate(values, record) {
      assertChangeable(record, values)
      return { ...values, updated_at: new Date() }
    },
  },
  actions: {
    remove: {
      label: l('Remove', '移除'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', eq: 'active' },
      handler: () => import('#actions/orgs/staff_remove_member'),
    },
  },
})
