import { Alert, App, Checkbox, Form, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { signContract, type Contract } from '../../api/contracts'
import { handleFormError } from '../../lib/formErrors'

interface Values {
  name: string
  accept: boolean
}

/** Online signing: the admin types their full name and accepts; the server records name, time and IP. */
export function SignContractDialog({ contract, onClose, onSigned }: { contract: Contract | null; onClose: () => void; onSigned: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (values: Values) => {
    if (!contract) return
    setBusy(true)
    setError(null)
    try {
      await signContract(contract.id, values.name.trim())
      void message.success(t('contracts.signed'))
      onSigned()
    } catch (err) {
      setError(handleFormError(form, err, ['name', 'accept'], t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={contract !== null}
      title={t('contracts.sign.title', { title: contract?.title ?? '' })}
      okText={t('contracts.sign.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('contracts.sign.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} className="cd-form-alert" role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="name"
          label={t('contracts.sign.name')}
          rules={[
            { required: true, whitespace: true, message: t('contracts.sign.nameRequired') },
            { max: 120, message: t('contracts.sign.nameLong', { max: 120 }) },
          ]}
        >
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="accept"
          valuePropName="checked"
          rules={[{ validator: async (_, v: boolean) => { if (!v) throw new Error(t('contracts.sign.acceptRequired')) } }]}
        >
          <Checkbox>{t('contracts.sign.accept', { number: contract?.number ?? '' })}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  )
}
