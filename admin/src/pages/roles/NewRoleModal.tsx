import { useState } from 'react'
import { Form, Input, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import { useHttp } from '../../providers/HttpContext'
import { API_URL, type ApiError } from '../../providers/http'

interface NewRole {
  name: string
  label: string
  description?: string
}

/** POST /api/admin/roles {name,label,description}; server 422s land on the fields. */
export function NewRoleModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (name: string) => void }) {
  const { t } = useTranslation()
  const http = useHttp()
  const [form] = Form.useForm<NewRole>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async () => {
    const values = await form.validateFields().catch(() => null)
    if (!values) return // the form shows what is missing
    setBusy(true)
    setError(null)
    try {
      await http.post(`${API_URL}/roles`, values)
      form.resetFields()
      onCreated(values.name)
    } catch (e) {
      const apiError = e as ApiError
      if (apiError.errors) form.setFields(Object.entries(apiError.errors).map(([name, m]) => ({ name: name as keyof NewRole, errors: ([] as string[]).concat(m as string[]) })))
      else setError(apiError.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal open={open} title={t('roles.newRole')} onCancel={onClose} onOk={submit} okText={t('buttons.create')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('roles.name')} extra={t('roles.nameHelp')} rules={[{ required: true }, { pattern: /^[a-z][a-z0-9_]*$/, message: t('roles.nameHelp') }]}>
          <Input placeholder="support_agent" />
        </Form.Item>
        <Form.Item name="label" label={t('roles.label')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('roles.description')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        {error && <div className="ant-form-item-explain-error" role="alert">{error}</div>}
      </Form>
    </Modal>
  )
}
