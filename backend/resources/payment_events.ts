import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/** Payment-provider events as stored by the webhook (read-only): what reconciliation reprocesses when one failed. */
export default defineResource({
  name: 'payment-events',
  label: l('Payment events', '支付回调事件'),
  group: 'billing',
  icon: 'api',
  menuOrder: 52,
  table: 'payment_events',
  titleField: 'event_id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['event_id', 'type', 'status', 'order_id', 'received_at'],
  quickTabs: {
    field: 'status',
    tabs: [
      { key: 'processed', label: l('Processed', '已处理'), values: ['processed'] },
      { key: 'unmatched', label: l('Unmatched', '未匹配'), values: ['unmatched'] },
      { key: 'failed', label: l('Failed', '失败'), values: ['failed'] },
    ],
  },
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    provider: { type: 'string', label: l('Provider', '渠道'), list: true, filter: ['eq'] },
    event_id: { type: 'string', label: l('Event id', '事件 ID'), list: true, searchable: true, filter: ['eq'] },
    type: { type: 'string', label: l('Type', '类型'), list: true, filter: ['eq', 'in', 'contains'] },
    order_id: { type: 'relation', label: l('Order', '订单'), list: true, filter: ['eq'], relation: { resource: 'orders', labelField: 'number' } },
    status: {
      type: 'enum',
      label: l('Status', '状态'),
      list: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'received', label: l('Received', '已接收'), color: 'blue' },
        { value: 'processed', label: l('Processed', '已处理'), color: 'green' },
        { value: 'ignored', label: l('Ignored', '已忽略'), color: 'default' },
        { value: 'unmatched', label: l('Unmatched', '未匹配'), color: 'gold' },
        { value: 'failed', label: l('Failed', '失败'), color: 'red' },
      ],
    },
    error: { type: 'text', label: l('Error', '错误'), list: true },
    attempts: { type: 'number', label: l('Deliveries', '投递次数'), list: true, sortable: true },
    livemode: { type: 'boolean', label: l('Live', '正式环境'), filter: ['eq'] },
    payload: { type: 'json', label: l('Payload', '内容') },
    event_created_at: { type: 'datetime', label: l('Created at provider', '事件时间'), sortable: true, filter: ['gte', 'lte'] },
    received_at: { type: 'datetime', label: l('Received', '接收时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    processed_at: { type: 'datetime', label: l('Processed', '处理时间'), sortable: true, filter: ['gte', 'lte'] },
  },
})
