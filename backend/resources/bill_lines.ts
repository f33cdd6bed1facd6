import creditdesk from '#config/creditdesk'
import { BILL_LINE_KINDS } from '#contract/bills'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }

/** Lines of bills, read-only: usage by model, generations, adjustments (fixed once the bill is issued). */
export default defineResource({
  name: 'bill-lines',
  label: l('Bill lines', '账单明细'),
  group: 'billing',
  icon: 'unordered-list',
  menuOrder: 24,
  table: 'bill_lines',
  titleField: 'title',
  defaultSort: [{ field: 'bill_id', order: 'desc' }, { field: 'position', order: 'asc' }],
  primaryFilters: ['bill_id', 'kind', 'model_id'],
  totals: ['amount', 'cost'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    // how a dispute or credit note names its line: the bill's number, the line's position and what it is
    title: {
      type: 'string',
      label: l('Line', '账单明细'),
      searchable: true,
      filter: ['contains'],
      sql: "concat((SELECT b.number FROM bills b WHERE b.id = bill_lines.bill_id), ' #', bill_lines.position, ' ', bill_lines.description->>'en')",
    },
    bill_id: { type: 'relation', label: l('Bill', '账单'), list: true, sortable: true, filter: ['eq', 'in'], relation: { resource: 'bills', labelField: 'number' } },
    position: { type: 'number', label: l('Line', '行号'), list: true, sortable: true },
    kind: { type: 'enum', label: l('Kind', '类型'), list: true, filter: ['eq', 'in'], options: BILL_LINE_KINDS },
    model_id: { type: 'relation', label: l('Model', '模型'), list: true, filter: ['eq', 'in'], relation: { resource: 'usage-models', labelField: 'code' } },
    description: { type: 'json', label: l('Description', '说明'), list: true },
    quantity: { type: 'string', label: l('Quantity', '数量'), list: true },
    unit: { type: 'string', label: l('Unit', '单位'), list: true },
    requests: { type: 'number', label: l('Requests', '请求数'), list: true, sortable: true },
    amount: { ...money, label: l('Amount', '金额'), list: true, sortable: true, filter: ['gte', 'lte'] },
    cost: { ...money, label: l('Provider cost', '上游成本'), list: true, filter: ['gte', 'lte'] },
  },
})
