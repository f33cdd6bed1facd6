import { defineResource } from '#engine/define_resource'
import { INVOICE_STATUSES, INVOICE_TYPES } from '#contract/bills'
import { LEDGER_SCALE } from '#contract/money'
import { l } from './_labels.js'

/**
 * Invoices (发票, PRD §7, issue 12 §4). Customers request them in the portal for bills and recharge
 * orders they paid (services/invoices/invoiceable.ts says what counts); finance issues them with the
 * uploaded invoice file (`issue`), or rejects them with a reason; the customer downloads the issued
 * file through an expiring link. Amounts are in 10⁻⁶ of the invoice currency, like bills.
 */
export default defineResource({
  name: 'invoices',
  label: l('Invoices', '发票'),
  group: 'billing',
  icon: 'file',
  menuOrder: 28,
  table: 'invoices',
  titleField: 'title',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['status', 'customer_id', 'invoice_type', 'amount', 'created_at', 'tax_id'],
  quickTabs: {
    field: 'status',
    tabs: [
      { key: 'requested', label: l('To issue', '待开票'), values: ['requested'] },
      { key: 'issued', label: l('Issued', '已开票'), values: ['issued'] },
      { key: 'rejected', label: l('Rejected', '已驳回'), values: ['rejected'] },
      { key: 'cancelled', label: l('Cancelled', '已取消'), values: ['cancelled'] },
    ],
  },
  totals: ['amount'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    customer_id: { type: 'relation', label: l('Customer', '客户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    title: { type: 'string', label: l('Invoice title', '发票抬头'), list: true, searchable: true, filter: ['contains'] },
    tax_id: { type: 'string', label: l('Tax ID', '税号'), list: true, searchable: true, filter: ['eq', 'contains'] },
    invoice_type: { type: 'enum', label: l('Invoice type', '发票类型'), list: true, filter: ['eq', 'in'], options: INVOICE_TYPES },
    amount: { type: 'money', scale: LEDGER_SCALE, currencyField: 'currency', label: l('Amount', '开票金额'), list: true, sortable: true, filter: ['gte', 'lte'] },
    currency: { type: 'string', label: l('Currency', '币种'), filter: ['eq'] },
    status: { type: 'enum', label: l('Status', '状态'), list: true, sortable: true, filter: ['eq', 'in', 'ne'], options: INVOICE_STATUSES },
    bill_ids: { type: 'tags', label: l('Bills', '账单'), help: l('Bill IDs the invoice covers', '本发票包含的账单 ID') },
    order_ids: { type: 'tags', label: l('Recharge orders', '充值订单'), help: l('Order IDs the invoice covers', '本发票包含的充值订单 ID') },
    invoice_number: { type: 'string', label: l('Invoice number', '发票号码'), list: true, searchable: true, filter: ['eq', 'contains'] },
    file_id: { type: 'file', purpose: 'invoice', label: l('Invoice file', '发票文件') },
    email: { type: 'string', label: l('Delivery email', '接收邮箱') },
    address: { type: 'text', label: l('Mailing address', '邮寄地址') },
    remark: { type: 'text', label: l('Customer remark', '客户备注') },
    requested_by: { type: 'relation', label: l('Requested by', '申请人'), filter: ['eq'], relation: { resource: 'users', labelField: 'email' } },
    created_at: { type: 'datetime', label: l('Requested', '申请时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    issued_by: { type: 'relation', label: l('Issued by', '开票人'), filter: ['eq', 'in'], relation: { resource: 'staff', labelField: 'email' } },
    issued_at: { type: 'datetime', label: l('Issued', '开票时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    rejected_reason: { type: 'text', label: l('Rejection reason', '驳回原因') },
    updated_at: { type: 'datetime', label: l('Updated', '更新时间'), sortable: true },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  actions: {
    issue: {
      label: l('Issue invoice', '开具发票'),
      scope: 'record',
      confirm: true,
      when: { field: 'status', eq: 'requested' },
      fields: {
        invoice_number: { type: 'string', label: l('Invoice number', '发票号码'), required: true, maxLength: 64 },
        file_id: { type: 'file', purpose: 'invoice', label: l('Invoice file', '发票文件'), required: true },
      },
      handler: () => import('#actions/invoices/issue_invoice'),
    },
    reject: {
      label: l('Reject', '驳回'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', eq: 'requested' },
      handler: () => import('#actions/invoices/reject_invoice'),
    },
  },
})
