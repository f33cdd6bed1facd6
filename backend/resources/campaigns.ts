import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import checkCampaign from '#actions/campaigns/check_campaign'
import type { CampaignRow } from '#services/campaigns/rows'
import { l } from './_labels.js'
import { CAMPAIGN_STATUSES } from '#contract/statuses'

const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }

/**
 * Voucher campaigns (PRD §3 代金券): an amount of gift balance for everyone, for chosen
 * customers, or for a saved users-list filter, with a fixed end or N days of validity.
 * "Send" queues the `campaign-send` job, which grants each customer once (idempotent per
 * campaign and customer) and reports progress here.
 */
export default defineResource({
  name: 'campaigns',
  label: l('Voucher campaigns', '代金券活动'),
  group: 'billing',
  icon: 'gift',
  menuOrder: 31,
  table: 'campaigns',
  titleField: 'name',
  defaultSort: [{ field: 'created_at', order: 'desc' }],
  primaryFilters: ['name', 'status', 'audience', 'created_at'],
  quickTabs: {
    field: 'status',
    tabs: [
      { key: 'draft', label: l('Draft', '草稿'), values: ['draft'] },
      { key: 'sending', label: l('Sending', '发放中'), values: ['sending'] },
      { key: 'sent', label: l('Sent', '已发放'), values: ['sent'] },
      { key: 'failed', label: l('Failed', '失败'), values: ['failed'] },
    ],
  },
  operations: { create: true, edit: true, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', '代金券ID'), list: true, sortable: true, filter: ['eq', 'in'], searchable: true },
    name: { type: 'string', label: l('Name', '名称'), list: true, create: true, edit: true, required: true, sortable: true, searchable: true, filter: ['contains'], maxLength: 120 },
    description: { type: 'text', label: l('Description', '描述'), create: true, edit: true, maxLength: 2000, searchable: true },
    amount: { ...money, label: l('Amount per customer', '每人金额'), list: true, create: true, edit: true, required: true, sortable: true, filter: ['gte', 'lte'] },
    validity: {
      type: 'enum',
      label: l('Validity', '有效期类型'),
      create: true,
      edit: true,
      required: true,
      filter: ['eq'],
      options: [
        { value: 'fixed', label: l('Until a fixed date', '固定截止日期'), color: 'blue' },
        { value: 'days', label: l('N days after the grant', '发放后N天'), color: 'cyan' },
      ],
    },
    valid_until: { type: 'datetime', label: l('Valid until', '截止日期'), list: true, create: true, edit: true, sortable: true, filter: ['gte', 'lte'] },
    valid_days: { type: 'number', label: l('Valid for (days)', '有效天数'), list: true, create: true, edit: true, min: 1, max: 3650 },
    audience: {
      type: 'enum',
      label: l('Audience', '发放对象'),
      list: true,
      create: true,
      edit: true,
      required: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'all', label: l('All customers', '所有用户'), color: 'gold' },
        { value: 'selected', label: l('Chosen customers', '指定用户'), color: 'blue' },
        { value: 'filter', label: l('Saved filter', '按筛选条件'), color: 'purple' },
      ],
    },
    customer_ids: {
      type: 'json',
      label: l('Customer ids', '用户ID列表'),
      create: true,
      edit: true,
      help: l('Chosen customers: a list of user ids, e.g. [12, 40, 41]', '指定用户：用户ID数组，例如 [12, 40, 41]'),
    },
    audience_filter: {
      type: 'json',
      label: l('Saved filter', '筛选条件'),
      create: true,
      edit: true,
      help: l('Users-list filters, e.g. {"tier": ["pro", "enterprise"], "is_developer": "true"}', '用户列表筛选条件，例如 {"tier": ["pro", "enterprise"], "is_developer": "true"}'),
    },
    status: {
      type: 'enum',
      label: l('Status', '状态'),
      list: true,
      sortable: true,
      filter: ['eq', 'in'],
      options: CAMPAIGN_STATUSES,
    },
    total: { type: 'number', label: l('Audience size', '目标人数'), list: true },
    granted: { type: 'number', label: l('Granted', '已发放'), list: true },
    skipped: { type: 'number', label: l('Skipped (frozen)', '已跳过（冻结）'), list: true },
    last_error: { type: 'text', label: l('Last error', '错误信息') },
    created_by: { type: 'relation', label: l('Created by', '创建人'), list: true, filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    sent_by: { type: 'relation', label: l('Sent by', '发放人'), filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    started_at: { type: 'datetime', label: l('Sending started', '开始发放'), sortable: true, filter: ['gte', 'lte'] },
    finished_at: { type: 'datetime', label: l('Sent at', '发放完成'), list: true, sortable: true, filter: ['gte', 'lte'] },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [
    { name: 'grants', label: l('Grants', '发放记录'), resource: 'campaign-grants', filterField: 'campaign_id' },
    { name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' },
  ],
  hooks: {
    beforeCreate: (values, _trx, deps) => checkCampaign.handle({ values, current: null }, deps),
    beforeUpdate: (values, current, _trx, deps) => checkCampaign.handle({ values, current: current as CampaignRow }, deps),
  },
  actions: {
    send: {
      label: l('Send', '发放'),
      scope: 'record',
      confirm: true,
      handler: () => import('#actions/campaigns/send_campaign'),
    },
  },
})
