import creditdesk from '#config/creditdesk'
import { GENERATION_STATUSES, GENERATION_TYPES } from '#contract/usage'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/** What a typed search matches in a prompt: its words, through the `simple` full-text index. */
const PROMPT_WORDS = "to_tsvector('simple', generations.prompt) @@ plainto_tsquery('simple', ?)"

/**
 * Generations (the platform's video and image jobs) and the content-review queue (ops manual
 * 内容审核). Operators search prompts by keyword, filter by status, customer, type and date, and:
 *
 * - `hide` (support, operations; reason required, audited): the content is no longer served.
 *   "Served" means its output URLs are handed out — the portal's generation list and the
 *   platform's read API must leave out rows with `hidden_at` set (the `hidden` field below) and
 *   never return their `output_urls`. The row, its prompt and its credits stay for the record.
 * - `refund_credits` (operations, finance; reason required): returns the credits of a failed
 *   generation (or a completed one judged unusable) to the customer, once — one
 *   `generation_refund` posting keyed by the generation (backend/actions/holds/refund_generation.ts),
 *   offered while `refundable` (charged, not refunded, its hold settled) and re-checked there.
 */
export default defineResource({
  name: 'generations',
  label: l('Generations', '生成内容'),
  group: 'usage',
  icon: 'file',
  menuOrder: 65,
  table: 'generations',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['status', 'customer_id', 'type', 'created_at', 'hidden', 'prompt'],
  quickTabs: {
    field: 'status',
    tabs: GENERATION_STATUSES.map(({ value, label }) => ({ key: value, label, values: [value] })),
  },
  totals: ['credits'],
  operations: { create: false, edit: false, delete: false, export: true },
  exactSearch: (typed) => (/[\p{L}\p{N}]/u.test(typed) ? { sql: PROMPT_WORDS, value: typed } : null),
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'], searchable: true },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    type: { type: 'enum', label: l('Type', '类型'), list: true, filter: ['eq', 'in'], options: GENERATION_TYPES },
    model_id: { type: 'relation', label: l('Model', '模型'), list: true, filter: ['eq', 'in'], relation: { resource: 'usage-models', labelField: 'code' } },
    prompt: {
      type: 'text',
      label: l('Prompt', '提示词'),
      list: true,
      filter: ['contains'],
      help: l('The search box matches whole words; this filter matches any part of the text (slower)', '搜索框按词匹配；此筛选按任意片段匹配（较慢）'),
    },
    status: { type: 'enum', label: l('Status', '状态'), list: true, filter: ['eq', 'in'], options: GENERATION_STATUSES },
    credits: { type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label: l('Credits', '消耗额度'), list: true, sortable: true, filter: ['gte', 'lte'] },
    outputs: { type: 'number', label: l('Outputs', '输出数'), list: true, sql: 'jsonb_array_length(generations.output_urls)', filter: ['gte', 'lte'] },
    output_urls: { type: 'json', label: l('Output URLs', '输出链接') },
    hidden: { type: 'boolean', label: l('Hidden', '已屏蔽'), list: true, filter: ['eq'], sql: 'generations.hidden_at IS NOT NULL' },
    refundable: {
      type: 'boolean',
      label: l('Refundable', '可退还'),
      help: l('Charged, not refunded yet, and its hold settled', '已扣费、尚未退还且冻结已结算'),
      sql: `generations.status IN ('failed', 'completed') AND generations.credits > 0 AND generations.refund_transaction_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.id = generations.hold_id AND h.status = 'held')`,
    },
    failure_reason: { type: 'text', label: l('Failure reason', '失败原因') },
    hidden_at: { type: 'datetime', label: l('Hidden at', '屏蔽时间') },
    hidden_by: { type: 'relation', label: l('Hidden by', '屏蔽人'), relation: { resource: 'staff', labelField: 'email' } },
    hidden_reason: { type: 'text', label: l('Hide reason', '屏蔽原因') },
    hold_id: { type: 'relation', label: l('Hold', '冻结单'), filter: ['eq'], relation: { resource: 'holds', labelField: 'id' } },
    refund_transaction_id: {
      type: 'relation',
      label: l('Refund transaction', '退还流水'),
      relation: { resource: 'ledger-transactions', labelField: 'id' },
    },
    completed_at: { type: 'datetime', label: l('Completed', '完成时间'), filter: ['gte', 'lte'] },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  actions: {
    hide: {
      label: l('Hide content', '屏蔽内容'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'hidden', eq: false },
      handler: () => import('#actions/generations/hide_generation'),
    },
    refund_credits: {
      label: l('Refund credits', '退还额度'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'refundable', eq: true },
      resultTypes: {
        amount: { type: 'money', label: l('Refunded', '退还金额'), currency: creditdesk.asset },
        to_gift: { type: 'money', label: l('To vouchers', '退回代金券'), currency: creditdesk.asset },
        to_cash: { type: 'money', label: l('To balance', '退回余额'), currency: creditdesk.asset },
        to_arrears: { type: 'money', label: l('Settled arrears', '抵扣欠费'), currency: creditdesk.asset },
      },
      handler: () => import('#actions/holds/refund_generation'),
    },
  },
})
