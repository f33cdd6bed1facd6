import { defineResource } from '#engine/define_resource'
import { InvalidInput } from '#exceptions/domain_errors'
import { parseMultiplier } from '#services/catalog/decimals'
import { CUSTOMER_TIERS } from './_customer_tiers.js'
import { l } from './_labels.js'

/** The multiplier as written, checked exactly (never as a float), and who set it. */
const prepare = (values: Record<string, any>, actorId: number | null) => {
  if ('multiplier' in values) {
    const multiplier = parseMultiplier('multiplier', values.multiplier)
    if (multiplier === null) throw new InvalidInput([{ field: 'multiplier', message: 'A multiplier is required', rule: 'required' }])
    values.multiplier = multiplier
  }
  return Object.keys(values).length ? { ...values, updated_by: actorId } : values
}

/**
 * Price multipliers by customer tier (issue 10 §1): a tier's discount (0.9) or surcharge (1.2)
 * over the list price. A customer's own `price_multiplier` (set on the customer by finance) wins
 * over the tier's; a tier without a row pays 1.
 */
export default defineResource({
  name: 'tier-price-multipliers',
  label: l('Tier price multipliers', '等级价格倍率'),
  group: 'catalog',
  icon: 'tags',
  menuOrder: 62,
  table: 'tier_price_multipliers',
  primaryKey: 'tier',
  titleField: 'tier',
  defaultSort: [{ field: 'tier', order: 'asc' }],
  operations: { create: true, edit: true, delete: true, export: true },
  fields: {
    tier: { type: 'enum', label: l('Tier', '账号等级'), list: true, create: true, required: true, sortable: true, filter: ['eq', 'in'], options: CUSTOMER_TIERS },
    multiplier: {
      type: 'string',
      label: l('Multiplier', '倍率'),
      list: true,
      create: true,
      edit: true,
      required: true,
      sortable: true,
      maxLength: 12,
      help: l('Applied to list prices: 0.9 = 10% off, 1 = list price (more than 0, at most 100, 4 decimals)', '作用于标价：0.9 即九折，1 为原价（大于 0、不超过 100，最多 4 位小数）'),
    },
    updated_by: { type: 'relation', label: l('Set by', '操作人'), list: true, filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    updated_at: { type: 'datetime', label: l('Updated', '更新时间'), list: true, sortable: true },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  hooks: {
    beforeCreate: (values, _trx, { actor }) => prepare(values, actor.type === 'staff' ? actor.id : null),
    beforeUpdate: (values, _record, _trx, { actor }) => prepare(values, actor.type === 'staff' ? actor.id : null),
  },
})
