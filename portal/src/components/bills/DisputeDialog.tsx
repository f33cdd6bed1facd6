import { Alert, App, Form, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { labelText } from '@creditdesk/contract/i18n'
import { openDispute, type BillDetail } from '../../api/bills'
import { amountProblem, inputDigits, isPositive } from '../../lib/billing'
import { handleFormError } from '../../lib/formErrors'
import { formatMoney } from '../Money'

interface Values {
  bill_line_id: number
  amount: string
  reason: string
}

export const REASON_MIN = 10
export const REASON_MAX = 1000

/** Disputes (part of) a bill line; staff answer with a credit note or a reasoned rejection. */
export function DisputeDialog({ bill, lineId, onClose, onOpened }: { bill: BillDetail; lineId: number | null; onClose: () => void; onOpened: () => void }) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const lines = bill.lines.filter((l) => l.id !== null && isPositive(l.amount))
  const selected = Form.useWatch('bill_line_id', form) ?? lineId
  const line = lines.find((l) => l.id === selected)
  const digits = inputDigits(bill.currency)

  const submit = async (values: Values) => {
    setBusy(true)
    setError(null)
    try {
      await openDispute(bill.id, { bill_line_id: values.bill_line_id, amount: values.amount.trim(), reason: values.reason.trim() })
      void message.success(t('bills.dispute.opened'))
      onOpened()
    } catch (err) {
      setError(handleFormError(form, err, ['bill_line_id', 'amount', 'reason'], t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={lineId !== null}
      title={t('bills.dispute.title', { number: bill.number })}
      okText={t('bills.dispute.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} className="cd-form-alert" role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ bill_line_id: lineId ?? undefined }} requiredMark={false}>
        <Form.Item name="bill_line_id" label={t('bills.dispute.line')} rules={[{ required: true, message: t('bills.dispute.lineRequired') }]}>
          <Select
            virtual={false}
            options={lines.map((l) => ({
              value: l.id as number,
              label: `${labelText(l.description as unknown as Record<string, string>, i18n.language) ?? ''} · ${formatMoney(t, l.amount, bill.currency)}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('bills.dispute.amount', { currency: bill.currency })}
          dependencies={['bill_line_id']}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const max = line?.amount ?? null
                const problem = amountProblem(value, max, digits)
                if (problem) throw new Error(t(`bills.amount.${problem}`, { max: max ? formatMoney(t, max, bill.currency) : '', digits }))
              },
            },
          ]}
        >
          <Input inputMode="decimal" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('bills.dispute.reason')}
          rules={[
            { required: true, whitespace: true, message: t('bills.dispute.reasonRequired') },
            { min: REASON_MIN, message: t('bills.dispute.reasonShort', { min: REASON_MIN }) },
            { max: REASON_MAX, message: t('bills.dispute.reasonLong', { max: REASON_MAX }) },
          ]}
        >
          <Input.TextArea rows={4} showCount maxLength={REASON_MAX} placeholder={t('bills.dispute.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
