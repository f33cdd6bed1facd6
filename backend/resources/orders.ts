import creditdesk from '#config/creditdesk'
import { CURRENCIES, CURRENCY_SCALE } from '#config/payments'
import { defineResource } from '#engine/define_resource'
import createOfflineOrder, { type OfflineOrderForm } from '#actions/orders/create_offline_order'
import type { Label } from '#engine/types'
import { l } from './_labels.js'
import { ORDER_STATUSES } from '#contract/statuses'
import { OFFLINE_CHANNELS } from '#services/orders/vocabulary'

const cents = { type: 'money' as const, scale: CURRENCY_SCALE }
const units = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }
const staff = (label: Label) => ({ type: 'relation' as const, label, filter: ['eq', 'in'] as Array<'eq' | 'in'>, relation: { resource: 'staff', labelField: 'email' } })

/**
 * Recharge orders (admin-prd §6: 充值记录). Stripe orders come from the portal; operations
 * create bank-transfer and cash orders here (the create form; the hook in
 * actions/orders/create_offline_order.ts fills in the plan, amounts and expiry). Record actions:
 * finance confirms an offline payment (second approver above the limit) and back-fills a paid
 * order that was never credited; operations close, lock/unlock and sync with Stripe.
 * Amounts: `amount`/`refunded_amount`/`disputed_amount` in the order's currency (2 decimals),
 * `grant_amount`/`frozen_amount` in the ledger asset.
 */
export default defineResource({
  name: 'orders',
  label: l('Recharge orders', '充值订单'),
  group: 'billing',
  icon: 'shopping-cart',
  menuOrder: 15,
  table: 'orders',
  titleField: 'number',
  defaultSort: [{ field: 'created_at', order: 'desc' }],
  primaryFilters: ['number', 'status', 'customer_id', 'created_at', 'channel', 'plan_id'],
  quickTabs: {
    field: 'status',
    tabs: [
      { key: 'pending', label: l('Pending', '待支付'), values: ['PENDING'] },
      { key: 'paid', label: l('Paid', '成功'), values: ['PAID'] },
      { key: 'refunding', label: l('Refunding', '退款中'), values: ['REFUNDING'] },
      { key: 'refunded', label: l('Refunded', '已退款'), values: ['PARTIALLY_REFUNDED', 'REFUNDED'] },
      { key: 'closed', label: l('Failed or closed', '失败/已关闭'), values: ['FAILED', 'CANCELLED'] },
    ],
  },
  totals: ['amount', 'grant_amount', 'refunded_amount'],
  operations: { create: true, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    number: { type: 'string', label: l('Order number', '充值单号'), list: true, sortable: true, searchable: true, filter: ['eq', 'in', 'contains'] },
    customer_id: {
      type: 'relation',
      label: l('Customer', '用户'),
      list: true,
      create: true,
      required: true,
      sortable: true,
      filter: ['eq', 'in'],
      relation: { resource: 'users', labelField: 'email' },
    },
    channel: {
      type: 'enum',
      label: l('Payment method', '支付方式'),
      list: true,
      create: true,
      required: true,
      sortable: true,
      filter: ['eq', 'in', 'ne'],
      options: [
        { value: 'stripe', label: l('Card (Stripe)', '海外卡 / Stripe'), color: 'geekblue' },
        { value: 'bank_transfer', label: l('Bank transfer', '银行转账'), color: 'cyan' },
        { value: 'cash', label: l('Cash', '现金'), color: 'lime' },
      ],
      // card orders start from the portal; the create hook refuses them too
      formOptions: OFFLINE_CHANNELS,
      help: l('Console orders are offline: bank transfer or cash', '后台创建的订单为线下渠道：银行转账或现金'),
    },
    plan_id: {
      type: 'relation',
      label: l('Plan', '套餐'),
      list: true,
      create: true,
      filter: ['eq', 'in'],
      relation: { resource: 'plans', labelField: 'name' },
      help: l('Either a plan, or a custom amount, currency and amount granted', '选择套餐，或填写自定义金额、币种和到账额度'),
    },
    plan_version_id: { type: 'relation', label: l('Plan version', '套餐版本'), filter: ['eq'], relation: { resource: 'plan-versions', labelField: 'version' } },
    plan_name: { type: 'string', label: l('Package', '套餐'), searchable: true, filter: ['eq', 'contains'] },
    amount: { ...cents, currencyField: 'currency', label: l('Amount', '金额'), list: true, create: true, sortable: true, filter: ['eq', 'gte', 'lte'] },
    currency: {
      type: 'enum',
      label: l('Currency', '币种'),
      list: true,
      create: true,
      filter: ['eq', 'in'],
      options: CURRENCIES.map((c) => ({ value: c, label: l(c, c) })),
    },
    grant_amount: { ...units, label: l('Amount granted', '到账额度'), list: true, create: true, sortable: true, filter: ['gte', 'lte'] },
    status: { type: 'enum', label: l('Status', '状态'), list: true, sortable: true, filter: ['eq', 'in', 'ne'], options: ORDER_STATUSES },
    channel_order_id: { type: 'string', label: l('Channel order id', '渠道订单号'), list: true, searchable: true, filter: ['eq', 'contains'] },
    channel_payment_id: { type: 'string', label: l('Payment id', '渠道支付号'), searchable: true, filter: ['eq'] },
    failure_reason: { type: 'text', label: l('Failure reason', '失败原因'), list: true, filter: ['contains'] },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    paid_at: { type: 'datetime', label: l('Paid', '支付时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    expires_at: { type: 'datetime', label: l('Expires', '过期时间'), sortable: true, filter: ['gte', 'lte'] },
    failed_at: { type: 'datetime', label: l('Failed at', '失败时间'), filter: ['gte', 'lte'] },
    cancelled_at: { type: 'datetime', label: l('Cancelled at', '关闭时间'), filter: ['gte', 'lte'] },
    operator_id: { ...staff(l('Operator', '操作者')), list: true },
    created_by: staff(l('Created by', '创建人')),
    first_approver_id: staff(l('First approver', '第一审批人')),
    first_approved_at: { type: 'datetime', label: l('First approval', '第一次审批时间') },
    first_approval_reference: { type: 'string', label: l('First approval reference', '第一次审批流水号') },
    confirmed_by: staff(l('Confirmed by', '确认人')),
    paid_transaction_id: {
      type: 'relation',
      label: l('Recharge transaction', '充值流水'),
      list: true,
      filter: ['eq'],
      relation: { resource: 'ledger-transactions', labelField: 'id' },
    },
    credited_at: { type: 'datetime', label: l('Credited', '到账时间'), sortable: true, filter: ['gte', 'lte'] },
    refunded_amount: { ...cents, currencyField: 'currency', label: l('Refunded', '已退金额'), list: true, sortable: true, filter: ['gte', 'lte'] },
    refunded_at: { type: 'datetime', label: l('Refunded at', '退款时间'), filter: ['gte', 'lte'] },
    dispute_id: { type: 'string', label: l('Dispute', '争议编号'), filter: ['eq'] },
    dispute_status: { type: 'string', label: l('Dispute status', '争议状态'), filter: ['eq', 'in'] },
    disputed_amount: { ...cents, currencyField: 'currency', label: l('Disputed', '争议金额'), filter: ['gte', 'lte'] },
    frozen_amount: { ...units, label: l('Frozen for the dispute', '争议冻结额度') },
    locked: { type: 'boolean', label: l('Locked', '异常锁定'), list: true, sortable: true, filter: ['eq'] },
    lock_reason: { type: 'text', label: l('Lock reason', '锁定原因'), filter: ['contains'] },
    locked_at: { type: 'datetime', label: l('Locked at', '锁定时间') },
    locked_by: staff(l('Locked by', '锁定人')),
    remark: { type: 'text', label: l('Remark', '备注'), create: true, searchable: true, filter: ['contains'], maxLength: 1000 },
    updated_at: { type: 'datetime', label: l('Updated', '更新时间'), sortable: true },
  },
  relations: [
    { name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' },
  ],
  hooks: {
    beforeCreate: (values, _trx, deps) => createOfflineOrder.handle(values as OfflineOrderForm, deps),
  },
  actions: {
    confirm: {
      label: l('Confirm payment', '确认收款'),
      scope: 'record',
      confirm: true,
      when: { field: 'status', eq: 'PENDING' },
      fields: {
        reference: { type: 'string', label: l('Bank reference / receipt no.', '银行流水号 / 收据号'), required: true, maxLength: 100 },
        paid_at: { type: 'datetime', label: l('Received at', '到账时间'), help: l('When the money arrived (default: now)', '款项到账时间（默认当前时间）') },
      },
      handler: () => import('#actions/orders/confirm_offline_order'),
    },
    backfill: {
      label: l('Back-fill credit', '补单'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'status', eq: 'PAID' },
      handler: () => import('#actions/orders/backfill_order'),
    },
    close: {
      label: l('Close order', '关闭订单'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', eq: 'PENDING' },
      handler: () => import('#actions/orders/close_order'),
    },
    lock: {
      label: l('Lock', '锁定'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'locked', eq: false },
      handler: () => import('#actions/orders/lock_order'),
    },
    unlock: {
      label: l('Unlock', '解锁'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'locked', eq: true },
      handler: () => import('#actions/orders/unlock_order'),
    },
    sync: {
      label: l('Sync with Stripe', '同步 Stripe 状态'),
      scope: 'record',
      when: { field: 'channel', eq: 'stripe' },
      handler: () => import('#actions/orders/sync_order'),
    },
    request_refund: {
      label: l('Request refund', '申请退款'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'status', eq: 'PAID' },
      fields: {
        amount: { ...cents, label: l('Amount to refund', '退款金额'), required: true, help: l('Only remaining cash is refundable; finance reviews the request', '仅可退剩余现金余额；需财务审核') },
      },
      handler: () => import('#actions/refunds/request_refund'),
    },
  },
})
