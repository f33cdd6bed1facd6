import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import type { FieldDef, Label } from '#engine/types'
import { PRICE_SCALE } from '#services/catalog/decimals'
import type { PriceColumn } from '#services/catalog/prices'
import { l } from './_labels.js'

/** A version's price as money (integer units of 10⁻¹² for the engine's money type). */
const price = (column: PriceColumn, label: Label, list = true): FieldDef => ({
  type: 'money',
  scale: PRICE_SCALE,
  currency: creditdesk.asset,
  label,
  sql: `(price_versions.${column} * 1000000000000)::numeric(42,0)`,
  list,
})

/** This version is the one pricing uses now: the model's latest effective_at at or before now (ties: highest id). */
const IN_FORCE = `(price_versions.effective_at <= statement_timestamp() AND NOT EXISTS (
  SELECT 1 FROM price_versions later WHERE later.model_id = price_versions.model_id AND later.effective_at <= statement_timestamp()
    AND (later.effective_at > price_versions.effective_at OR (later.effective_at = price_versions.effective_at AND later.id > price_versions.id))))`

/**
 * The sell-price history of every model: one immutable row per change (the database refuses
 * UPDATE and DELETE), with who set it, when, from when it applies, why, and the prices before and
 * after. Written only by the model's `set_prices` action; read under the model's "Price history" tab.
 */
export default defineResource({
  name: 'price-versions',
  label: l('Price versions', '价格版本'),
  group: 'catalog',
  icon: 'history',
  menuOrder: 61,
  table: 'price_versions',
  titleField: 'version',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['model_id', 'effective_at', 'in_force', 'created_by'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    model_id: { type: 'relation', label: l('Model', '模型'), list: true, sortable: true, filter: ['eq', 'in'], relation: { resource: 'usage-models', labelField: 'code' } },
    version: { type: 'number', label: l('Version', '版本'), list: true, sortable: true, searchable: true, filter: ['eq', 'gte', 'lte'] },
    in_force: { type: 'boolean', label: l('In force now', '当前生效'), sql: IN_FORCE, list: true, filter: ['eq'] },
    effective_at: { type: 'datetime', label: l('Effective from', '生效时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    input_price: price('input_price', l('Input price', '输入价格')),
    output_price: price('output_price', l('Output price', '输出价格')),
    cache_read_price: price('cache_read_price', l('Cache-read price', '缓存读取价格')),
    cache_write_price: price('cache_write_price', l('Cache-write price', '缓存写入价格'), false),
    unit_price: price('unit_price', l('Unit price', '单价')),
    before: { type: 'json', label: l('Before', '调整前') },
    after: { type: 'json', label: l('After', '调整后') },
    reason: { type: 'text', label: l('Reason', '原因'), list: true, filter: ['contains'] },
    created_by: { type: 'relation', label: l('Set by', '操作人'), list: true, filter: ['eq', 'in'], relation: { resource: 'staff', labelField: 'email' } },
    created_at: { type: 'datetime', label: l('Set at', '操作时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
})
