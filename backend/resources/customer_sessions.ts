import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/**
 * Where a customer is signed in, and where they were: one row per portal sign-in (the
 * customer_sessions view over auth_sessions, customer rows only). Read-only, shown as the
 * Sessions tab of the customer page; support and operations may end one session, e.g. a
 * browser the customer lost or does not recognise.
 */
export default defineResource({
  name: 'customer-sessions',
  label: l('Customer sessions', '用户登录会话'),
  group: 'customers',
  icon: 'safety',
  menuOrder: 12,
  table: 'customer_sessions',
  titleField: 'id',
  defaultSort: [{ field: 'last_seen_at', order: 'desc' }],
  primaryFilters: ['customer_id', 'ip', 'status', 'created_at', 'last_seen_at'],
  quickTabs: {
    field: 'status',
    tabs: [
      { key: 'active', label: l('Active', '活跃'), values: ['active'] },
      { key: 'ended', label: l('Ended', '已结束'), values: ['ended'] },
    ],
  },
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'string', label: l('Session ID', '会话ID'), filter: ['eq'], format: 'uuid' },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    ip: { type: 'string', label: l('IP', 'IP地址'), list: true, searchable: true, filter: ['eq', 'contains'] },
    user_agent: { type: 'string', label: l('Device', '设备'), list: true, filter: ['contains'] },
    created_at: { type: 'datetime', label: l('Signed in', '登录时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    last_seen_at: { type: 'datetime', label: l('Last seen', '最近活跃'), list: true, sortable: true, filter: ['gte', 'lte'] },
    revoked_at: { type: 'datetime', label: l('Ended at', '结束时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    revoked_reason: {
      type: 'enum',
      label: l('End reason', '结束原因'),
      list: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'logout', label: l('Signed out', '用户退出'), color: 'default' },
        { value: 'signed_out_elsewhere', label: l('Signed out from another device', '在其他设备退出'), color: 'default' },
        { value: 'password_changed', label: l('Password changed', '修改密码'), color: 'blue' },
        { value: 'password_reset', label: l('Password reset', '重置密码'), color: 'blue' },
        { value: 'frozen', label: l('Account frozen', '账户冻结'), color: 'red' },
        { value: 'ended_by_staff', label: l('Ended by staff', '客服结束'), color: 'orange' },
      ],
    },
    status: {
      type: 'enum',
      label: l('Status', '状态'),
      list: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'active', label: l('Active', '活跃'), color: 'green' },
        { value: 'ended', label: l('Ended', '已结束'), color: 'default' },
      ],
    },
  },
  actions: {
    end_session: {
      label: l('End session', '结束会话'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', eq: 'active' },
      handler: () => import('#actions/users/end_customer_session'),
    },
  },
})
