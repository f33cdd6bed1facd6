import creditdesk from '#config/creditdesk'
import { BILL_INVOICE_STATUSES, BILL_STATUSES } from '#contract/bills'
import { defineResource } from '#engine/define_resource'
import type { FieldDef, Label } from '#engine/types'
import { l } from './_labels.js'

const money = (label: Label, list = false): FieldDef => ({ type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label, list, filter: ['gte', 'lte'] })
const rate = (label: Label): FieldDef => ({ type: 'string', label })

/**
 * Postpaid bills of organizations (PRD §7 账单管理, issue 12 §3). Generated per period from the
 * ledger (the `generate` collection action and the daily job), issued, sent, paid (card in the
 * portal, or offline under the offline orders' four-eyes rule), closed, reopened or voided;
 * disputes on lines end in credit notes, never edits. Filters: organization, status, period,
 * invoicing status; money totals over the filter.
 */
export default defineResource({
  name: 'bills',
  label: l('Bills', '账单'),
  group: 'billing',
  icon: 'file',
  menuOrder: 23,
  table: 'bills',
  titleField: 'number',
  defaultSort: [{ field: 'period_start', order: 'desc' }],
  primaryFilters: ['number', 'org_id', 'status', 'period_start', 'invoice_status', 'due_at'],
  quickTabs: {
    field: 'status',
    tabs: [
      { key: 'draft', label: l('Draft', '待出账'), values: ['draft'] },
      { key: 'unpaid', label: l('Unpaid', '待支付'), values: ['issued', 'awaiting_payment', 'partially_paid'] },
      { key: 'settled', label: l('Settled', '已结清'), values: ['settled'] },
      { key: 'closed', label: l('Closed or voided', '已关闭/作废'), values: ['closed', 'voided'] },
    ],
  },
  totals: ['total', 'amount_due', 'paid', 'credited', 'outstanding'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    number: { type: 'string', label: l('Bill number', '账单号'), list: true, sortable: true, searchable: true, filter: ['eq', 'in', 'contains'] },
    org_id: { type: 'relation', label: l('Organization', '机构'), list: true, sortable: true, filter: ['eq', 'in'], relation: { resource: 'organizations', labelField: 'org_name' } },
    period_start: { type: 'datetime', label: l('Period from', '账期开始'), list: true, sortable: true, filter: ['eq', 'gte', 'lte'] },
    period_end: { type: 'datetime', label: l('Period to', '账期结束'), list: true, sortable: true, filter: ['eq', 'gte', 'lte'] },
    cycle: { type: 'enum', label: l('Cycle', '账期类型'), filter: ['eq'], options: [{ value: 'monthly', label: l('Monthly', '按月') }, { value: 'custom', label: l('Custom', '自定义') }] },
    currency: { type: 'string', label: l('Currency', '币种'), filter: ['eq'] },
    subtotal: money(l('Subtotal', '小计')),
    discount_rate: rate(l('Discount rate (%)', '折扣率（%）')),
    discount: money(l('Discount', '折扣')),
    tax_rate: rate(l('Tax rate (%)', '税率（%）')),
    tax: money(l('Tax', '税额')),
    total: { ...money(l('Total', '合计'), true), sortable: true },
    covered_gift: money(l('Covered by vouchers', '赠送余额抵扣')),
    covered_cash: money(l('Covered by prepaid cash', '现金余额抵扣')),
    amount_due: { ...money(l('Amount due', '应付'), true), sortable: true },
    paid: money(l('Paid', '实付'), true),
    credited: money(l('Credited', '已冲正'), true),
    outstanding: {
      ...money(l('Outstanding', '待付'), true),
      sql: "(CASE WHEN bills.status IN ('issued', 'awaiting_payment', 'partially_paid') THEN GREATEST(bills.amount_due - bills.paid - bills.credited, 0) ELSE 0 END)",
    },
    arrears: money(l('Arrears', '欠费')),
    status: { type: 'enum', label: l('Status', '状态'), list: true, sortable: true, filter: ['eq', 'in', 'ne'], options: BILL_STATUSES },
    invoice_status: { type: 'enum', label: l('Invoicing', '开票状态'), list: true, filter: ['eq', 'in'], options: BILL_INVOICE_STATUSES },
    generated_at: { type: 'datetime', label: l('Generated', '生成时间'), sortable: true, filter: ['gte', 'lte'] },
    issued_at: { type: 'datetime', label: l('Issued', '出账时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    issued_by: { type: 'relation', label: l('Issued by', '出账人'), relation: { resource: 'staff', labelField: 'email' } },
    sent_at: { type: 'datetime', label: l('Sent', '发送时间'), filter: ['gte', 'lte'] },
    due_at: { type: 'datetime', label: l('Due', '到期日'), list: true, sortable: true, filter: ['gte', 'lte'] },
    overdue_at: { type: 'datetime', label: l('Overdue since', '逾期时间'), filter: ['gte', 'lte'] },
    settled_at: { type: 'datetime', label: l('Settled', '结清时间'), filter: ['gte', 'lte'] },
    closed_at: { type: 'datetime', label: l('Closed', '关闭时间') },
    closed_reason: { type: 'text', label: l('Close reason', '关闭原因') },
    reopened_at: { type: 'datetime', label: l('Reopened', '重开时间') },
    voided_at: { type: 'datetime', label: l('Voided', '作废时间') },
    void_reason: { type: 'text', label: l('Void reason', '作废原因') },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), sortable: true },
  },
  relations: [
    { name: 'lines', label: l('Lines', '账单明细'), resource: 'bill-lines', filterField: 'bill_id' },
    { name: 'payments', label: l('Payments', '付款记录'), resource: 'bill-payments', filterField: 'bill_id' },
    { name: 'disputes', label: l('Disputes', '争议'), resource: 'bill-disputes', filterField: 'bill_id' },
    { name: 'credit_notes', label: l('Credit notes', '冲正单'), resource: 'credit-notes', filterField: 'bill_id' },
    { name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' },
  ],
  actions: {
    generate: {
      label: l('Generate bill', '生成账单'),
      scope: 'collection',
      confirm: true,
      fields: {
        org_id: { type: 'relation', label: l('Organization', '机构'), required: true, relation: { resource: 'organizations', labelField: 'org_name' } },
        period_start: { type: 'datetime', label: l('Period from (empty = last finished period)', '账期开始（空 = 上一个已结束账期）') },
        period_end: { type: 'datetime', label: l('Period to', '账期结束') },
      },
      handler: () => import('#actions/bills/generate_bill'),
    },
    issue: { label: l('Issue', '出账'), scope: 'record', confirm: true, when: { field: 'status', eq: 'draft' }, handler: () => import('#actions/bills/issue_bill') },
    send: { label: l('Send to customer', '发送账单'), scope: 'record', confirm: true, when: { field: 'status', in: ['issued', 'awaiting_payment', 'partially_paid'] }, handler: () => import('#actions/bills/send_bill') },
    record_offline_payment: {
      label: l('Record offline payment', '登记线下付款'),
      scope: 'record',
      confirm: true,
      when: { field: 'status', in: ['issued', 'awaiting_payment', 'partially_paid'] },
      fields: {
        amount: { type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label: l('Amount', '金额'), required: true },
        channel: { type: 'enum', label: l('Channel', '渠道'), required: true, options: [{ value: 'bank_transfer', label: l('Bank transfer', '银行转账') }, { value: 'cash', label: l('Cash', '现金') }] },
        reference: { type: 'string', label: l('Bank reference / receipt no.', '银行流水号 / 收据号'), required: true, maxLength: 100 },
      },
      handler: () => import('#actions/bills/record_offline_payment'),
    },
    void: { label: l('Void', '作废'), scope: 'record', confirm: true, reason: true, danger: true, when: { field: 'status', in: ['draft', 'issued', 'awaiting_payment'] }, handler: () => import('#actions/bills/void_bill') },
    close: { label: l('Close', '关闭'), scope: 'record', confirm: true, reason: true, danger: true, when: { field: 'status', in: ['issued', 'awaiting_payment', 'partially_paid', 'settled'] }, handler: () => import('#actions/bills/close_bill') },
    reopen: { label: l('Reopen', '重开'), scope: 'record', confirm: true, reason: true, when: { field: 'status', eq: 'closed' }, handler: () => import('#actions/bills/reopen_bill') },
    open_dispute: {
      label: l('Open a dispute', '发起争议'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'status', in: ['issued', 'awaiting_payment', 'partially_paid', 'settled', 'closed'] },
      fields: {
        bill_line_id: { type: 'relation', label: l('Bill line', '账单明细'), required: true, relation: { resource: 'bill-lines', labelField: 'title' } },
        amount: { type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label: l('Disputed amount', '争议金额'), required: true },
      },
      handler: () => import('#actions/bills/open_dispute'),
    },
    reconcile: { label: l('Reconcile', '对账'), scope: 'record', handler: () => import('#actions/bills/reconcile_bill') },
  },
})
