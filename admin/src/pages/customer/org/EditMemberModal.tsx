import { useState } from 'react'
import { useUpdate, type BaseRecord } from '@refinedev/core'
import { Alert, Form, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../../meta/types'
import { FormField, toRequestValues } from '../../../engine/form/FormField'
import { formFieldsOf } from '../../../engine/form/ResourceForm'
import { fieldErrorsOf } from '../../../engine/actions/fieldErrors'
import type { ApiError } from '../../../providers/http'
import { useLabel } from '../../../meta/MetaContext'

interface Props {
  resource: ResourceMeta
  record: BaseRecord
  title: string
  onClose: () => void
}

/**
 * Change a member's role or monthly spend cap in place: the member resource's own edit fields
 * (as meta declares them), saved through its PATCH like the generated edit form.
 */
export function EditMemberModal({ resource, record, title, onClose }: Props) {
  const { t } = useTranslation()
  const label = useLabel()
  const [form] = Form.useForm()
  const { mutateAsync, mutation } = useUpdate()
  const [refusal, setRefusal] = useState<string | null>(null)
  const fields = formFieldsOf(resource, 'edit')
  const initial = Object.fromEntries(fields.map((f) => [f.name, record[f.name]]))

  const save = async () => {
    const values = await form.validateFields().catch(() => null)
    if (!values) return
    setRefusal(null)
    try {
      await mutateAsync({ resource: resource.name, id: record.id!, values: toRequestValues(fields, values), successNotification: false, errorNotification: false })
      onClose()
    } catch (error) {
      const { inline, summary } = fieldErrorsOf(error as ApiError, fields.map((f) => f.name), (name) => label(fields.find((f) => f.name === name)?.label, name))
      if (inline.length) form.setFields(inline)
      setRefusal(summary || (error as ApiError).message)
    }
  }

  return (
    <Modal open title={title} onCancel={onClose} onOk={save} okText={t('buttons.save')} okButtonProps={{ loading: mutation.isPending }} destroyOnHidden>
      {refusal && <Alert type="error" showIcon message={refusal} role="alert" style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initial} requiredMark>
        {fields.map((f) => <FormField key={f.name} field={f} />)}
      </Form>
    </Modal>
  )
}
