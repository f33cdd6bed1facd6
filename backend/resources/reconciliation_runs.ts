import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'
import { RECONCILIATION_RUN_STATUSES } from '#contract/statuses'

/** Reconciliation runs (history): who/what started each diagnose and what it found. `run` diagnoses now. */
export default defineResource({
  name: 'reconciliation-runs',
  label: l('Reconciliation runs', '对账记录'),
  group: 'billing',
  icon: 'reconciliation',
  menuOrder: 50,
  table: 'reconciliation_runs',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['status', 'trigger', 'started_at'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, searchable: true, filter: ['eq', 'in'] },
    trigger: {
      type: 'enum',
      label: l('Started by', '触发方式'),
      list: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'console', label: l('Console', '后台'), color: 'blue' },
        { value: 'command', label: l('Command', '命令行'), color: 'default' },
        { value: 'api', label: l('Admin API', '管理 API'), color: 'purple' },
        { value: 'monitor', label: l('Monitor', '定时巡检'), color: 'cyan' },
      ],
    },
    started_by: { type: 'relation', label: l('Staff', '操作人'), list: true, filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    status: {
      type: 'enum',
      label: l('Status', '状态'),
      list: true,
      filter: ['eq', 'in'],
      options: RECONCILIATION_RUN_STATUSES,
    },
    findings_count: { type: 'number', label: l('Findings', '异常数'), list: true, sortable: true, filter: ['eq', 'gte', 'lte'] },
    repaired_count: { type: 'number', label: l('Repaired', '已修复'), list: true, sortable: true, filter: ['eq', 'gte', 'lte'] },
    summary: { type: 'json', label: l('By kind', '按类型') },
    error: { type: 'text', label: l('Error', '错误') },
    started_at: { type: 'datetime', label: l('Started', '开始时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    finished_at: { type: 'datetime', label: l('Finished', '结束时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [{ name: 'findings', label: l('Findings', '异常明细'), resource: 'reconciliation-findings', filterField: 'run_id' }],
  actions: {
    run: {
      label: l('Run now', '立即对账'),
      scope: 'collection',
      confirm: true,
      handler: () => import('#actions/reconciliation/run_reconciliation'),
    },
  },
})
