import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import { RISK_ALERT_ACTIONS, RISK_ALERT_KINDS, RISK_ALERT_STATUSES, RISK_ALERT_SUBJECTS } from '#contract/risk'
import { l } from './_labels.js'

const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }
// observed / baseline / threshold are stored in the kind's unit: ledger units for spend and the cap, requests otherwise
const SPEND = "risk_alerts.kind <> 'request_spike'"
const REQUESTS = "risk_alerts.kind = 'request_spike'"
const OPEN = "risk_alerts.status <> 'resolved'"

/**
 * Risk alerts (issue 11 §3, PRD §8/§11 调用风控) raised by the `usage-anomalies` job
 * (backend/actions/risk/detect_anomalies.ts): spend or request spikes of a customer or a key
 * against its baseline, and keys over their monthly cap. Staff acknowledge them, lock the key
 * (the API keys' leak lock: the owner is emailed), freeze the customer (sessions end) or resolve
 * them with a note; each step is audited here, and the lock and the freeze also on the key and
 * the customer themselves.
 */
export default defineResource({
  name: 'risk-alerts',
  label: l('Risk alerts', '风险告警'),
  group: 'risk',
  icon: 'alert',
  menuOrder: 90,
  table: 'risk_alerts',
  titleField: 'id',
  defaultSort: [{ field: 'created_at', order: 'desc' }],
  primaryFilters: ['status', 'kind', 'subject_type', 'customer_id', 'created_at', 'action_taken'],
  quickTabs: {
    field: 'status',
    tabs: RISK_ALERT_STATUSES.map((s) => ({ key: s.value, label: s.label, values: [s.value] })),
  },
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    created_at: { type: 'datetime', label: l('Raised', '告警时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    kind: { type: 'enum', label: l('Kind', '类型'), list: true, sortable: true, filter: ['eq', 'in'], options: RISK_ALERT_KINDS },
    status: { type: 'enum', label: l('Status', '状态'), list: true, sortable: true, filter: ['eq', 'in'], options: RISK_ALERT_STATUSES },
    subject_type: { type: 'enum', label: l('Subject', '对象'), list: true, filter: ['eq'], options: RISK_ALERT_SUBJECTS },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    api_key_id: { type: 'relation', label: l('API key', 'API 密钥'), list: true, filter: ['eq'], relation: { resource: 'api-keys', labelField: 'name' } },
    key_prefix: {
      type: 'string',
      label: l('Key prefix', '密钥前缀'),
      list: true,
      filter: ['eq'],
      sql: '(SELECT k.prefix FROM api_keys k WHERE k.id = risk_alerts.api_key_id)',
    },
    top_model_id: {
      type: 'relation',
      label: l('Top model', '主要模型'),
      list: true,
      filter: ['eq'],
      relation: { resource: 'usage-models', labelField: 'code' },
      help: l('The model with the most spend (or requests) of the subject in the window', '窗口内该对象消费（或调用）最多的模型'),
    },
    observed_spend: { ...money, label: l('Spend in window', '窗口内消费'), list: true, sortable: true, filter: ['gte', 'lte'], sql: `CASE WHEN ${SPEND} THEN risk_alerts.observed END` },
    baseline_spend: {
      ...money,
      label: l('Usual spend / cap', '常规消费 / 上限'),
      list: true,
      sql: `CASE WHEN ${SPEND} THEN round(risk_alerts.baseline)::bigint END`,
      help: l('Spikes: the average per window over the baseline period. Monthly cap: the key’s cap.', '突增：基线期内每个窗口的平均值。月度上限：该密钥的上限。'),
    },
    threshold_spend: { ...money, label: l('Alert threshold (spend)', '告警阈值（消费）'), sql: `CASE WHEN ${SPEND} THEN round(risk_alerts.threshold)::bigint END` },
    observed_requests: { type: 'number', label: l('Requests in window', '窗口内调用次数'), list: true, sortable: true, filter: ['gte', 'lte'], sql: `CASE WHEN ${REQUESTS} THEN risk_alerts.observed END` },
    baseline_requests: { type: 'number', label: l('Usual requests', '常规调用次数'), list: true, sql: `CASE WHEN ${REQUESTS} THEN round(risk_alerts.baseline, 2) END` },
    threshold_requests: { type: 'number', label: l('Alert threshold (requests)', '告警阈值（调用次数）'), sql: `CASE WHEN ${REQUESTS} THEN round(risk_alerts.threshold, 2) END` },
    factor: { type: 'string', label: l('Factor', '倍数'), list: true },
    window_start: { type: 'datetime', label: l('Window from', '窗口开始'), list: true, sortable: true, filter: ['gte', 'lte'] },
    window_end: { type: 'datetime', label: l('Window to', '窗口结束'), filter: ['gte', 'lte'] },
    window_minutes: { type: 'number', label: l('Window (minutes)', '窗口（分钟）') },
    baseline_hours: { type: 'number', label: l('Baseline (hours)', '基线（小时）') },
    action_taken: { type: 'enum', label: l('Action taken', '已采取措施'), list: true, filter: ['eq', 'in'], options: RISK_ALERT_ACTIONS },
    action_taken_by: { type: 'relation', label: l('Action by', '措施执行人'), filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    action_taken_at: { type: 'datetime', label: l('Action at', '措施时间'), filter: ['gte', 'lte'] },
    note: { type: 'text', label: l('Note', '备注'), filter: ['contains'] },
    acknowledged_by: { type: 'relation', label: l('Acknowledged by', '确认人'), filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    acknowledged_at: { type: 'datetime', label: l('Acknowledged at', '确认时间'), filter: ['gte', 'lte'] },
    resolution_note: { type: 'text', label: l('Resolution', '处理说明'), filter: ['contains'] },
    resolved_by: { type: 'relation', label: l('Resolved by', '处理人'), filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    resolved_at: { type: 'datetime', label: l('Resolved at', '处理时间'), sortable: true, filter: ['gte', 'lte'] },
    lockable: {
      type: 'boolean',
      label: l('Key can be locked', '可锁定密钥'),
      sql: `${OPEN} AND EXISTS (SELECT 1 FROM api_keys k WHERE k.id = risk_alerts.api_key_id AND k.status <> 'locked')`,
    },
    freezable: {
      type: 'boolean',
      label: l('Customer can be frozen', '可冻结用户'),
      sql: `${OPEN} AND EXISTS (SELECT 1 FROM customers c WHERE c.id = risk_alerts.customer_id AND NOT c.frozen)`,
    },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  actions: {
    acknowledge: {
      label: l('Acknowledge', '确认'),
      scope: 'record',
      when: { field: 'status', eq: 'open' },
      fields: { note: { type: 'text', label: l('Note', '备注'), maxLength: 1000 } },
      handler: () => import('#actions/risk/acknowledge_risk_alert'),
    },
    lock_key: {
      label: l('Lock the key', '锁定密钥'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'lockable', eq: true },
      handler: () => import('#actions/risk/lock_alert_key'),
    },
    freeze_customer: {
      label: l('Freeze the customer', '冻结用户'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'freezable', eq: true },
      handler: () => import('#actions/risk/freeze_alert_customer'),
    },
    resolve: {
      label: l('Resolve', '标记已处理'),
      scope: 'record',
      when: { field: 'status', in: ['open', 'acknowledged'] },
      fields: { note: { type: 'text', label: l('Resolution', '处理说明'), required: true, minLength: 3, maxLength: 2000 } },
      handler: () => import('#actions/risk/resolve_risk_alert'),
    },
  },
})
