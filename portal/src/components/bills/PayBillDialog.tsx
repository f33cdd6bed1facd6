import { Alert, Form, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { payBill, type BillDetail } from '../../api/bills'
import { amountProblem, floorTo, inputDigits } from '../../lib/billing'
import { browser, isWebUrl } from '../../lib/browser'
import { describeError } from '../../lib/formErrors'
import { formatMoney } from '../Money'

/**
 * Pays all or part of what is left of a bill by card: the server opens a checkout for the amount and
 * the browser goes there; the payment lands on the bill once the provider confirms it.
 */
export function PayBillDialog({ bill, open, onClose }: { bill: BillDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ amount: string }>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const outstanding = bill.totals.outstanding
  const digits = inputDigits(bill.currency)

  const submit = async ({ amount }: { amount: string }) => {
    setBusy(true)
    setError(null)
    try {
      const url = await payBill(bill.id, amount.trim())
      if (!isWebUrl(url)) throw new Error(t('bills.pay.noCheckout'))
      browser.assign(url)
    } catch (err) {
      setError(describeError(err, t))
      setBusy(false)
    }
  }

  return (
    <Modal
      open={open}
      title={t('bills.pay.title', { number: bill.number })}
      okText={t('bills.pay.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('bills.pay.intro', { amount: formatMoney(t, outstanding, bill.currency) })}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} className="cd-form-alert" role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ amount: floorTo(outstanding, digits) }} requiredMark={false}>
        <Form.Item
          name="amount"
          label={t('bills.pay.amount', { currency: bill.currency })}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const problem = amountProblem(value, outstanding, digits)
                if (problem) throw new Error(t(`bills.amount.${problem}`, { max: formatMoney(t, outstanding, bill.currency), digits }))
              },
            },
          ]}
        >
          <Input inputMode="decimal" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
