import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import { RISK_ALERT_KINDS } from '#contract/risk'
import { prepareRuleUpdate } from '#services/risk/rule_settings'
import type { RiskRuleRow } from '#services/risk/rows'
import { l } from './_labels.js'

/**
 * The anomaly job's rules (issue 11 §3), one per alert kind: on/off, the window and the baseline
 * it is compared with, the factor that makes a spike, and the minimum (spend or requests in the
 * window) below which nothing alarms. Edited by operations, audited; the next run of the job
 * (every 5 minutes) uses them. How they combine: backend/actions/risk/detect_anomalies.ts.
 */
export default defineResource({
  name: 'risk-rules',
  label: l('Risk rules', '风控规则'),
  group: 'risk',
  icon: 'safety',
  menuOrder: 91,
  table: 'risk_rules',
  primaryKey: 'kind',
  titleField: 'kind',
  defaultSort: [{ field: 'kind', order: 'asc' }],
  operations: { create: false, edit: true, delete: false, export: true },
  fields: {
    kind: { type: 'enum', label: l('Alert kind', '告警类型'), list: true, sortable: true, filter: ['eq', 'in'], options: RISK_ALERT_KINDS },
    enabled: { type: 'boolean', label: l('Enabled', '启用'), list: true, edit: true, filter: ['eq'] },
    window_minutes: {
      type: 'number',
      label: l('Window (minutes)', '检测窗口（分钟）'),
      list: true,
      edit: true,
      min: 60,
      max: 1440,
      help: l('Whole hours (60, 120 … 1440); the window ends with the hour in progress', '整小时（60、120 … 1440）；窗口截至当前小时'),
    },
    baseline_hours: {
      type: 'number',
      label: l('Baseline (hours)', '基线时长（小时）'),
      list: true,
      edit: true,
      min: 24,
      max: 2160,
      help: l('The period before the window whose average per window is the usual level', '窗口之前的一段时间，其每个窗口的平均值即常规水平'),
    },
    factor: {
      type: 'string',
      label: l('Factor', '倍数'),
      list: true,
      edit: true,
      maxLength: 12,
      help: l('A spike is at least this many times the usual level (more than 1, four decimals at most)', '达到常规水平的该倍数即为突增（大于 1，最多 4 位小数）'),
    },
    minimum_spend: {
      type: 'money',
      scale: creditdesk.scale,
      currency: creditdesk.asset,
      label: l('Minimum spend in the window', '窗口内最低消费'),
      list: true,
      edit: true,
      help: l('Spend spikes below this never alarm; with no history, factor × this is needed', '低于此消费的突增不告警；无历史用量时需达到倍数 × 此值'),
    },
    minimum_requests: {
      type: 'number',
      label: l('Minimum requests in the window', '窗口内最低调用次数'),
      list: true,
      edit: true,
      min: 0,
      help: l('Request spikes below this never alarm; with no history, factor × this is needed', '低于此次数的突增不告警；无历史用量时需达到倍数 × 此值'),
    },
    updated_by: { type: 'relation', label: l('Changed by', '修改人'), list: true, relation: { resource: 'staff', labelField: 'email' } },
    updated_at: { type: 'datetime', label: l('Changed', '修改时间'), list: true, sortable: true },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  hooks: {
    beforeUpdate: (values, record, _trx, { actor }) => prepareRuleUpdate(values, record as RiskRuleRow, actor.type === 'staff' ? actor.id : null),
  },
})
