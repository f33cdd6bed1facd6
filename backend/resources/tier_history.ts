import { defineResource } from '#engine/define_resource'
import { TIER_CHANGE_CAUSES, TIER_SOURCES } from '#contract/tiers'
import { TIER_OPTIONS } from '#services/tiers/options'
import { l } from './_labels.js'

/**
 * Every change of a customer's tier, its source or its effective limits (written by
 * services/tiers/apply_tier.ts only; the database refuses UPDATE and DELETE). Shown on the
 * customer page.
 */
export default defineResource({
  name: 'tier-history',
  label: l('Tier history', '等级变更记录'),
  group: 'customers',
  icon: 'history',
  menuOrder: 17,
  table: 'tier_history',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['customer_id', 'to_tier', 'cause', 'created_at'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    customer_id: { type: 'relation', label: l('Customer', '客户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    from_tier: { type: 'enum', label: l('From', '原等级'), list: true, filter: ['eq', 'in'], options: TIER_OPTIONS },
    to_tier: { type: 'enum', label: l('To', '新等级'), list: true, filter: ['eq', 'in'], options: TIER_OPTIONS },
    source: { type: 'enum', label: l('Source', '来源'), list: true, filter: ['eq', 'in'], options: [...TIER_SOURCES] },
    cause: { type: 'enum', label: l('Cause', '原因类型'), list: true, filter: ['eq', 'in'], options: [...TIER_CHANGE_CAUSES] },
    rpm_limit: { type: 'number', label: l('RPM', 'RPM'), list: true },
    tpm_limit: { type: 'number', label: l('TPM', 'TPM'), list: true, help: l('Empty = unlimited', '为空表示不限') },
    reason: { type: 'text', label: l('Reason', '原因'), list: true },
    actor_label: { type: 'string', label: l('By', '操作人'), list: true, filter: ['eq', 'contains'] },
    created_at: { type: 'datetime', label: l('Time', '时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
})
