import { defineResource } from '#engine/define_resource'
import { INVITATION_STATUSES, MEMBER_ROLES } from '#contract/orgs'
import { l } from './_labels.js'

/**
 * Invitations to organizations (PRD §10 成员邀请): the email, role, who invited, expiry and outcome.
 * The link's token is stored only as a hash and never shown. Staff revoke a pending invitation
 * or send it again (a new link; the old one stops working).
 */
export default defineResource({
  name: 'organization-invitations',
  label: l('Organization invitations', '机构邀请'),
  group: 'organizations',
  icon: 'team',
  menuOrder: 30,
  table: 'organization_invitations',
  titleField: 'email',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['org_id', 'email', 'state', 'created_at'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    org_id: { type: 'relation', label: l('Organization', '机构'), list: true, filter: ['eq', 'in'], relation: { resource: 'organizations', labelField: 'org_name' } },
    email: { type: 'string', label: l('Email', '邮箱'), list: true, searchable: true, filter: ['eq', 'contains'], format: 'email', sensitive: true },
    role: { type: 'enum', label: l('Role', '角色'), list: true, filter: ['eq', 'in'], options: MEMBER_ROLES },
    status: { type: 'enum', label: l('Stored status', '存储状态'), filter: ['eq', 'in'], options: INVITATION_STATUSES },
    state: {
      type: 'enum',
      label: l('Status', '状态'),
      list: true,
      sortable: true,
      filter: ['eq', 'in'],
      options: INVITATION_STATUSES,
      sql: `CASE WHEN organization_invitations.status = 'pending' AND organization_invitations.expires_at <= now() THEN 'expired' ELSE organization_invitations.status END`,
    },
    expires_at: { type: 'datetime', label: l('Expires', '过期时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    invited_by_staff_id: { type: 'relation', label: l('Invited by staff', '邀请人（员工）'), relation: { resource: 'staff', labelField: 'email' } },
    invited_by_customer_id: { type: 'relation', label: l('Invited by member', '邀请人（成员）'), relation: { resource: 'users', labelField: 'email' } },
    accepted_by: { type: 'relation', label: l('Accepted by', '接受人'), relation: { resource: 'users', labelField: 'email' } },
    accepted_at: { type: 'datetime', label: l('Accepted', '接受时间'), sortable: true, filter: ['gte', 'lte'] },
    revoked_at: { type: 'datetime', label: l('Revoked', '撤销时间'), sortable: true, filter: ['gte', 'lte'] },
    created_at: { type: 'datetime', label: l('Sent', '发送时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
  actions: {
    revoke: {
      label: l('Revoke', '撤销'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', eq: 'pending' },
      handler: () => import('#actions/orgs/staff_revoke_invitation'),
    },
    resend: {
      label: l('Send again', '重新发送'),
      scope: 'record',
      confirm: true,
      when: { field: 'status', eq: 'pending' },
      handler: () => import('#actions/orgs/resend_invitation'),
    },
  },
})
