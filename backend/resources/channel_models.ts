import creditdesk from '#config/creditdesk'
import { CHANNEL_STATUSES } from '#contract/usage'
import { defineResource } from '#engine/define_resource'
import type { FieldDef, Label } from '#engine/types'
import { PRICE_SCALE } from '#services/catalog/decimals'
import type { CostColumn } from '#services/catalog/costs'
import { l } from './_labels.js'

const money = { type: 'money' as const, scale: PRICE_SCALE, currency: creditdesk.asset }
/** A stored cost as money (integer units of 10⁻¹² for the engine's money type); changed by `set_costs`. */
const cost = (column: CostColumn, label: Label, list = true): FieldDef => ({ ...money, label, sql: `(channel_models.${column} * 1000000000000)::numeric(42,0)`, list, sortable: true })
const costInput = (label: Label): FieldDef => ({ ...money, label, help: l('Per billing unit of the model (token costs per 1M tokens)', '按模型计费单位（Token 成本按每百万 Token）') })

/**
 * Which models a channel serves and what each costs us (issue 10 §1): the cost side of every
 * usage record's margin. Shown under the channel ("Models served") and the model.
 */
export default defineResource({
  name: 'channel-models',
  label: l('Channel models and costs', '渠道模型与成本'),
  group: 'catalog',
  icon: 'unordered-list',
  menuOrder: 64,
  table: 'channel_models',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'asc' }],
  primaryFilters: ['channel_id', 'model_id', 'status'],
  operations: { create: true, edit: true, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    channel_id: { type: 'relation', label: l('Channel', '渠道'), list: true, create: true, required: true, filter: ['eq', 'in'], relation: { resource: 'channels', labelField: 'name' } },
    model_id: { type: 'relation', label: l('Model', '模型'), list: true, create: true, required: true, filter: ['eq', 'in'], relation: { resource: 'usage-models', labelField: 'code' } },
    status: { type: 'enum', label: l('Status', '状态'), list: true, create: true, edit: true, sortable: true, filter: ['eq', 'in'], options: CHANNEL_STATUSES.filter((s) => s.value !== 'auto_disabled') },
    input_cost: cost('input_cost', l('Input cost', '输入成本')),
    output_cost: cost('output_cost', l('Output cost', '输出成本')),
    cache_read_cost: cost('cache_read_cost', l('Cache-read cost', '缓存读取成本')),
    cache_write_cost: cost('cache_write_cost', l('Cache-write cost', '缓存写入成本'), false),
    unit_cost: cost('unit_cost', l('Unit cost', '单位成本')),
    created_at: { type: 'datetime', label: l('Created', '创建时间'), sortable: true },
    updated_at: { type: 'datetime', label: l('Updated', '更新时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  actions: {
    set_costs: {
      label: l('Set costs', '设置成本'),
      scope: 'record',
      confirm: true,
      fields: {
        input_cost: costInput(l('Input cost', '输入成本')),
        output_cost: costInput(l('Output cost', '输出成本')),
        cache_read_cost: costInput(l('Cache-read cost', '缓存读取成本')),
        cache_write_cost: costInput(l('Cache-write cost', '缓存写入成本')),
        unit_cost: costInput(l('Unit cost', '单位成本')),
      },
      handler: () => import('#actions/catalog/set_channel_costs'),
    },
  },
})
