import { useState } from 'react'
import { Alert, Form, Input, Modal, Space, Typography } from 'antd'
import { useInvalidate, useNotification, type BaseKey, type BaseRecord } from '@refinedev/core'
import { useTranslation } from 'react-i18next'
import type { ActionMeta, ResourceMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'
import { useHttp } from '../../providers/HttpContext'
import { API_URL, type ApiError } from '../../providers/http'
import { FormField, toRequestValues } from '../form/FormField'
import { idOf, recordTitle } from '../fields/recordTitle'
import { actionUrl } from './visibility'
import { ActionResult } from './ActionResult'

export interface ActionTarget {
  record?: BaseRecord
  ids?: BaseKey[]
}

interface Props extends ActionTarget {
  resource: ResourceMeta
  action: ActionMeta
  open: boolean
  onClose: () => void
  onDone?: () => void
}

interface ActionResponse {
  message?: string
  record?: BaseRecord
  result?: Record<string, unknown>
}

/**
 * Confirmation + inputs for one custom action, then POST to its endpoint. A refusal keeps the modal
 * open with the server's message; one-time `result` values (e.g. resetUrl) are shown once to copy.
 */
export function ActionModal({ resource, action, record, ids, open, onClose, onDone }: Props) {
  const { t } = useTranslation()
  const label = useLabel()
  const http = useHttp()
  const invalidate = useInvalidate()
  const { open: notify } = useNotification()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  const [result, setResult] = useState<Record<string, unknown> | null>(null)
  const actionName = label(action.label, action.name)
  const fields = action.fields ?? []

  const confirmText = ids
    ? t('action.confirmBulk', { action: actionName, count: ids.length })
    : record
      ? t('action.confirm', { action: actionName, target: recordTitle(record, resource) })
      : t('action.confirmCollection', { action: actionName })

  const close = () => {
    form.resetFields()
    setRefusal(null)
    setResult(null)
    onClose()
  }

  const submit = async () => {
    const values = await form.validateFields().catch(() => null)
    if (!values) return // the form shows what is missing
    setBusy(true)
    setRefusal(null)
    try {
      const body: Record<string, unknown> = { ...toRequestValues(fields, values) }
      if (action.reason) body.reason = values.reason
      if (ids) body.ids = ids
      const recordId = idOf(resource, record)
      const url = actionUrl(API_URL, resource.name, action.name, recordId)
      const { data } = await http.post<ActionResponse>(url, body)
      await invalidate({ resource: resource.name, invalidates: ['list', 'detail', 'many'], id: recordId })
      await invalidate({ resource: 'audit-logs', invalidates: ['list'] })
      onDone?.()
      const oneTime = data?.result && Object.keys(data.result).length ? data.result : null
      notify?.({ type: 'success', message: data?.message || t('action.done'), description: actionName })
      if (oneTime) setResult(oneTime)
      else close()
    } catch (error) {
      const apiError = error as ApiError
      if (apiError.errors) {
        form.setFields(Object.entries(apiError.errors).map(([name, messages]) => ({ name, errors: ([] as string[]).concat(messages as string[]) })))
      }
      setRefusal(apiError.message || t('action.refused'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={open}
      title={actionName}
      onCancel={close}
      destroyOnHidden
      okText={result ? t('buttons.close') : actionName}
      okButtonProps={{ danger: !!action.danger && !result, loading: busy }}
      cancelButtonProps={{ style: result ? { display: 'none' } : undefined }}
      onOk={result ? close : submit}
      maskClosable={!busy}
    >
      {result ? (
        <ActionResult result={result} fallbackName={`${resource.name}-${action.name}`} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {(action.confirm ?? true) && <Typography.Paragraph style={{ marginBottom: 0 }}>{confirmText}</Typography.Paragraph>}
          {refusal && <Alert type="error" showIcon message={refusal} role="alert" />}
          <Form form={form} layout="vertical" requiredMark>
            {fields.map((f) => <FormField key={f.name} field={f} />)}
            {action.reason && (
              <Form.Item name="reason" label={t('action.reason')} extra={t('action.reasonHelp')} rules={[{ required: true, whitespace: true, message: t('action.reasonRequired') }]}>
                <Input.TextArea aria-label={t('action.reason')} autoSize={{ minRows: 3 }} maxLength={500} showCount />
              </Form.Item>
            )}
          </Form>
        </Space>
      )}
    </Modal>
  )
}
