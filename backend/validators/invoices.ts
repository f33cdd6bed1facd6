/** POST /api/portal/invoices: what the customer asks to have invoiced, and the invoice's particulars. */
import vine from '@vinejs/vine'
import { INVOICE_TYPES } from '#contract/bills'
import { wellFormed } from './well_formed.js'
import { email } from './auth.js'
import { ORDER_NUMBER } from './orders.js'

/** A taxpayer id (统一社会信用代码 / 纳税人识别号): 15–20 letters and digits, upper case. */
export const TAX_ID = /^[0-9A-Z]{15,20}$/

const ids = () => vine.array(vine.number({ strict: true }).withoutDecimals().positive().max(Number.MAX_SAFE_INTEGER)).maxLength(50).distinct().optional()

export const INVOICE_REQUEST_KEYS = ['title', 'tax_id', 'invoice_type', 'bill_ids', 'order_ids', 'order_numbers', 'email', 'address', 'remark']

export const requestInvoiceValidator = vine.create(
  vine.object({
    title: vine.string().use(wellFormed()).trim().minLength(1).maxLength(200),
    // typed in lower case, a tax id is still that id
    tax_id: vine.string().use(wellFormed()).trim().toUpperCase().regex(TAX_ID),
    invoice_type: vine.enum(INVOICE_TYPES.map((t) => t.value)),
    bill_ids: ids(),
    order_ids: ids(),
    // the portal knows recharge orders by their number (R20261122-000123)
    order_numbers: vine.array(vine.string().trim().regex(ORDER_NUMBER)).maxLength(50).distinct().optional(),
    // an electronic invoice is sent by email; a special VAT invoice is posted
    email: email().optional().requiredWhen('invoice_type', '=', 'electronic'),
    address: vine.string().use(wellFormed()).trim().minLength(1).maxLength(500).optional().requiredWhen('invoice_type', '=', 'vat_special'),
    remark: vine.string().use(wellFormed()).trim().maxLength(500).optional().nullable(),
  })
)
