import { Alert, App, Form, Input, Modal, Select } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { INVOICE_TYPES } from '@creditdesk/contract/bills'
import { labelText } from '@creditdesk/contract/i18n'
import { listBills, requestInvoice, type BillRow } from '../../api/bills'
import { listOrders } from '../../api/portal'
import type { Order } from '../../api/types'
import { useAccess } from '../../auth/access'
import { formatPeriod } from '../../lib/billing'
import { handleFormError } from '../../lib/formErrors'
import { formatMoney, formatPrice } from '../Money'

export interface InvoiceFormValues {
  title: string
  tax_id: string
  invoice_type: string
  bill_ids: number[]
  /** orders are known to the portal by their number (the wire has no other id) */
  order_numbers: string[]
  email?: string
  address?: string
  remark?: string
}

/** A taxpayer id: 15–20 letters and digits (the 18 of a unified social credit code among them); sent in upper case. */
export const TAX_ID = /^[0-9A-Za-z]{15,20}$/
const INVOICEABLE_BILLS = ['settled', 'partially_paid']
const INVOICEABLE_ORDERS = ['PAID', 'PARTIALLY_REFUNDED']

/** What the form sends: trimmed texts, empty optional fields left out. */
export function invoicePayload(v: InvoiceFormValues) {
  const optional = (s?: string) => (s && s.trim() ? s.trim() : undefined)
  return {
    title: v.title.trim(),
    tax_id: v.tax_id.trim().toUpperCase(),
    invoice_type: v.invoice_type,
    bill_ids: v.bill_ids ?? [],
    order_numbers: v.order_numbers ?? [],
    email: optional(v.email),
    address: optional(v.address),
    remark: optional(v.remark),
  }
}

/** Asks finance for an invoice (发票) of paid bills and recharges; the amount is what those records paid. */
export function InvoiceRequestDialog({ open, onClose, onRequested }: { open: boolean; onClose: () => void; onRequested: () => void }) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const access = useAccess()
  const [form] = Form.useForm<InvoiceFormValues>()
  const [bills, setBills] = useState<BillRow[]>([])
  const [orders, setOrders] = useState<Order[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const type = Form.useWatch('invoice_type', form)
  const withBills = access.inOrganization && access.can('bills.view')
  const withOrders = access.can('recharge')

  useEffect(() => {
    if (!open) return
    if (withBills) {
      listBills({ start: 0, end: 100 }).then(
        (p) => setBills(p.rows.filter((b) => INVOICEABLE_BILLS.includes(b.status) && (b.invoice_status === 'none' || !b.invoice_status))),
        () => setBills([]),
      )
    }
    if (withOrders) void listOrders({ start: 0, end: 100, statuses: INVOICEABLE_ORDERS }).then((p) => setOrders(p.rows), () => setOrders([]))
  }, [open, withBills, withOrders])

  const submit = async (values: InvoiceFormValues) => {
    setBusy(true)
    setError(null)
    try {
      await requestInvoice(invoicePayload(values))
      void message.success(t('invoices.requested'))
      form.resetFields()
      onRequested()
    } catch (err) {
      setError(handleFormError(form, err, ['title', 'tax_id', 'invoice_type', 'bill_ids', 'order_numbers', 'email', 'address', 'remark'], t))
    } finally {
      setBusy(false)
    }
  }

  const noRecord = async () => {
    const { bill_ids = [], order_numbers = [] } = form.getFieldsValue(['bill_ids', 'order_numbers']) as InvoiceFormValues
    if (bill_ids.length + order_numbers.length === 0) throw new Error(t('invoices.form.recordsRequired'))
  }

  return (
    <Modal
      open={open}
      title={t('invoices.form.title')}
      okText={t('invoices.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={620}
      forceRender
    >
      {error && <Alert type="error" showIcon message={error} className="cd-form-alert" role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ invoice_type: 'electronic', bill_ids: [], order_numbers: [] }} requiredMark={false}>
        <Form.Item name="title" label={t('invoices.form.invoiceTitle')} rules={[{ required: true, whitespace: true, message: t('invoices.form.titleRequired') }, { max: 200, message: t('invoices.form.tooLong', { max: 200 }) }]}>
          <Input autoComplete="organization" />
        </Form.Item>
        <Form.Item
          name="tax_id"
          label={t('invoices.form.taxId')}
          extra={t('invoices.form.taxIdHelp')}
          rules={[{ required: true, whitespace: true, message: t('invoices.form.taxIdRequired') }, { pattern: TAX_ID, message: t('invoices.form.taxIdInvalid') }]}
        >
          <Input autoComplete="off" className="cd-mono" />
        </Form.Item>
        <Form.Item name="invoice_type" label={t('invoices.form.type')} rules={[{ required: true, message: t('invoices.form.typeRequired') }]}>
          <Select virtual={false} options={INVOICE_TYPES.map((o) => ({ value: o.value, label: labelText(o.label, i18n.language) ?? o.value }))} />
        </Form.Item>
        {withBills && (
          <Form.Item name="bill_ids" label={t('invoices.form.bills')} dependencies={['order_numbers']} rules={[{ validator: noRecord }]}>
            <Select
              mode="multiple"
              virtual={false}
              placeholder={t('invoices.form.billsPlaceholder')}
              notFoundContent={t('invoices.form.noBills')}
              options={bills.map((b) => ({ value: b.id, label: `${b.number} · ${formatPeriod({ start: b.period_start, end: b.period_end }, i18n.language)} · ${formatMoney(t, b.paid, b.currency)}` }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="order_numbers"
          label={t('invoices.form.orders')}
          dependencies={['bill_ids']}
          rules={[{ validator: noRecord }]}
          hidden={!withOrders}
        >
          <Select
            mode="multiple"
            virtual={false}
            placeholder={t('invoices.form.ordersPlaceholder')}
            notFoundContent={t('invoices.form.noOrders')}
            options={orders.map((o) => ({ value: o.number, label: `${o.number} · ${formatPrice(o.amount, o.currency)}` }))}
          />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('invoices.form.email')}
          extra={type === 'electronic' ? t('invoices.form.emailHelp') : undefined}
          rules={[{ required: type === 'electronic', whitespace: true, message: t('invoices.form.emailRequired') }, { type: 'email', message: t('validation.emailInvalid') }]}
        >
          <Input type="email" autoComplete="email" />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('invoices.form.address')}
          extra={type === 'vat_special' ? t('invoices.form.addressHelp') : undefined}
          rules={[{ required: type === 'vat_special', whitespace: true, message: t('invoices.form.addressRequired') }, { max: 500, message: t('invoices.form.tooLong', { max: 500 }) }]}
        >
          <Input.TextArea rows={2} autoComplete="street-address" />
        </Form.Item>
        <Form.Item name="remark" label={t('invoices.form.remark')} rules={[{ max: 500, message: t('invoices.form.tooLong', { max: 500 }) }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
