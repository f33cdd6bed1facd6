import hash from '@adonisjs/core/services/hash'
import { defineResource } from '#engine/define_resource'
import { InvalidInput } from '#exceptions/domain_errors'
import { assertNotLastSuperAdmin } from '#services/staff/last_super_admin'
import { l } from './_labels.js'
import { firstFailedRule } from '#contract/password'

/** Console accounts; super_admin manages them and their roles. */
export default defineResource({
  name: 'staff',
  label: l('Staff', '员工'),
  group: 'system',
  icon: 'team',
  menuOrder: 80,
  table: 'staff',
  titleField: 'email',
  defaultSort: [{ field: 'id', order: 'asc' }],
  primaryFilters: ['email', 'name', 'role_id', 'status'],
  quickTabs: {
    field: 'status',
    tabs: [
      { key: 'active', label: l('Active', '正常'), values: ['active'] },
      { key: 'frozen', label: l('Frozen', '已冻结'), values: ['frozen'] },
    ],
  },
  operations: { create: true, edit: true, delete: true, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    email: { type: 'string', label: l('Email', '邮箱'), list: true, create: true, required: true, sortable: true, searchable: true, filter: ['eq', 'contains'], format: 'email' },
    name: { type: 'string', label: l('Name', '姓名'), list: true, create: true, edit: true, required: true, sortable: true, searchable: true, filter: ['contains'], maxLength: 120 },
    role_id: { type: 'relation', label: l('Role', '角色'), list: true, create: true, edit: true, required: true, filter: ['eq', 'in'], relation: { resource: 'roles', labelField: 'label' } },
    status: {
      type: 'enum',
      label: l('Status', '状态'),
      list: true,
      sortable: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'active', label: l('Active', '正常'), color: 'green' },
        { value: 'frozen', label: l('Frozen', '已冻结'), color: 'red' },
      ],
    },
    frozen_reason: { type: 'text', label: l('Freeze reason', '冻结原因') },
    locale: {
      type: 'enum',
      label: l('Language', '语言'),
      create: true,
      edit: true,
      options: [
        { value: 'en', label: l('English', '英文') },
        { value: 'zh-CN', label: l('Chinese', '中文') },
      ],
    },
    password: { type: 'string', label: l('Password', '密码'), create: true, required: true, writeOnly: true, minLength: 10, maxLength: 128 },
    last_login_at: { type: 'datetime', label: l('Last login', '最近登录'), list: true, sortable: true, filter: ['gte', 'lte'] },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  hooks: {
    async beforeCreate(values) {
      const password = String(values.password)
      if (firstFailedRule(password, String(values.email)) !== null) {
        throw new InvalidInput([{ field: 'password', message: 'The password needs a letter and a digit and must not be the email', rule: 'password' }])
      }
      return { ...values, password: await hash.make(password) }
    },
    async beforeUpdate(values, record, trx) {
      if (values.role_id !== undefined && values.role_id !== record.role_id) await assertNotLastSuperAdmin(trx, record, 'change the role of')
      return values
    },
    async beforeDelete(record, trx) {
      await assertNotLastSuperAdmin(trx, record, 'delete')
    },
  },
  actions: {
    freeze: {
      label: l('Freeze', '冻结'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', eq: 'active' },
      handler: () => import('#actions/staff/freeze_staff'),
    },
    unfreeze: {
      label: l('Unfreeze', '解冻'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'status', eq: 'frozen' },
      handler: () => import('#actions/staff/unfreeze_staff'),
    },
    unlock_sign_in: {
      label: l('Unlock sign-in', '解除登录锁定'),
      scope: 'record',
      confirm: true,
      reason: true,
      handler: () => import('#actions/staff/unlock_staff_sign_in'),
    },
  },
})
