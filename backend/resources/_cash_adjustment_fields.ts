import creditdesk from '#config/creditdesk'
import type { FieldDef } from '#engine/types'
import { l } from './_labels.js'

/** The form of a cash adjustment request, on the customer (users action) and in the cash-adjustments list. */
export const CASH_ADJUSTMENT_FORM: Record<string, FieldDef> = {
  direction: {
    type: 'enum',
    label: l('Direction', '方向'),
    required: true,
    options: [
      { value: 'credit', label: l('Credit (add to cash)', '调增（增加现金余额）'), color: 'green' },
      { value: 'debit', label: l('Debit (take from cash)', '调减（扣减现金余额）'), color: 'red' },
    ],
  },
  amount: {
    type: 'money',
    scale: creditdesk.scale,
    currency: creditdesk.asset,
    label: l('Amount', '金额'),
    required: true,
    help: l('A second finance member approves before the balance changes', '需另一位财务人员复核通过后才会变更余额'),
  },
  reference: {
    type: 'string',
    label: l('Reference', '凭证号'),
    required: true,
    maxLength: 100,
    help: l('Ticket, bank slip or contract number', '工单号、银行回单号或合同号'),
  },
}
