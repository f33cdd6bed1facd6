import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import updateTier from '#actions/tiers/update_tier'
import type { TierRow } from '#services/tiers/rows'
import { l } from './_labels.js'

const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }

/**
 * The customer tier table (PRD §4): cumulative recharge thresholds, the RPM / TPM verify enforces,
 * live API keys allowed and the price multiplier. Edited with the ordinary form plus a reason;
 * every change is an immutable version (tier-versions) and re-resolves the customers it affects in
 * the same transaction (actions/tiers/update_tier.ts). Tiers are never created or deleted here:
 * customers refer to their codes.
 */
export default defineResource({
  name: 'tiers',
  label: l('Tiers', '账号等级'),
  group: 'customers',
  icon: 'tags',
  menuOrder: 15,
  table: 'tiers',
  primaryKey: 'code',
  titleField: 'name',
  defaultSort: [{ field: 'recharge_from', order: 'asc' }],
  operations: { create: false, edit: true, delete: false, export: true },
  fields: {
    code: { type: 'string', label: l('Code', '等级代码'), list: true, sortable: true, filter: ['eq', 'in'] },
    name: { type: 'string', label: l('Name', '名称'), list: true, edit: true, required: true, sortable: true, searchable: true, maxLength: 60 },
    name_zh: { type: 'string', label: l('Name (Chinese)', '名称（中文）'), list: true, edit: true, required: true, searchable: true, maxLength: 60 },
    recharge_from: {
      ...money,
      label: l('Cumulative recharge from', '累计充值起点'),
      list: true,
      edit: true,
      required: true,
      sortable: true,
      help: l('Reached when the paid recharges add up to exactly this amount; the lowest tier starts at 0', '累计实付充值恰好达到该金额即升级；最低等级从 0 开始'),
    },
    recharge_to: { ...money, label: l('Up to (next tier)', '至（下一等级起点）'), list: true, help: l('The next tier’s threshold (follows it)', '下一等级的起点（自动跟随）') },
    rpm: { type: 'number', label: l('RPM (requests per minute)', 'RPM（每分钟请求数）'), list: true, edit: true, required: true, sortable: true, min: 1, max: 100_000_000 },
    tpm: {
      type: 'number',
      label: l('TPM (tokens per minute)', 'TPM（每分钟 Token 数）'),
      list: true,
      edit: true,
      sortable: true,
      min: 1,
      max: 1_000_000_000_000,
      help: l('Empty = unlimited', '留空表示不限'),
    },
    max_keys: { type: 'number', label: l('Max API keys', '最多 API 密钥数'), list: true, edit: true, required: true, min: 1, max: 1000 },
    price_multiplier: {
      type: 'string',
      label: l('Price multiplier', '价格倍率'),
      list: true,
      edit: true,
      required: true,
      maxLength: 12,
      help: l('Applied to list prices: 0.9 = 10% off, 1 = list price (more than 0, at most 100, 4 decimals); a customer’s own multiplier wins', '作用于标价：0.9 即九折，1 为原价（大于 0、不超过 100，最多 4 位小数）；客户专属倍率优先'),
    },
    may_downgrade: {
      type: 'boolean',
      label: l('May drop automatically', '允许自动降级'),
      list: true,
      edit: true,
      help: l('Off (default): a customer on this tier keeps it when thresholds rise', '关闭（默认）：门槛提高后，该等级的客户保持原等级'),
    },
    sort: { type: 'number', label: l('Order', '排序'), edit: true, sortable: true, min: 0, max: 100000 },
    version: { type: 'number', label: l('Version', '版本'), list: true },
    reason: {
      type: 'text',
      label: l('Reason for the change', '修改原因'),
      edit: true,
      required: true,
      writeOnly: true,
      maxLength: 1000,
      help: l('Kept with the tier’s version history', '记录在等级的版本历史中'),
    },
    updated_by: { type: 'relation', label: l('Changed by', '操作人'), relation: { resource: 'staff', labelField: 'email' } },
    updated_at: { type: 'datetime', label: l('Updated', '更新时间'), list: true, sortable: true },
  },
  relations: [
    { name: 'versions', label: l('Version history', '版本记录'), resource: 'tier-versions', filterField: 'tier_code' },
    { name: 'customers', label: l('Customers', '客户'), resource: 'users', filterField: 'tier' },
    { name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' },
  ],
  hooks: {
    beforeUpdate: (values, record, _trx, deps) => updateTier.handle({ values, current: record as TierRow }, deps),
  },
})
