import { useState } from 'react'
import { Alert, Form, Input, Modal, Space, Typography } from 'antd'
import { useNotification, type BaseKey, type BaseRecord } from '@refinedev/core'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ActionMeta, ResourceMeta } from '../../meta/types'
import { useLabel, useMetaState } from '../../meta/MetaContext'
import { useHttp } from '../../providers/HttpContext'
import { API_URL, type ApiError } from '../../providers/http'
import { FormField, toRequestValues } from '../form/FormField'
import { idOf, recordTitle } from '../fields/recordTitle'
import { actionUrl } from './visibility'
import { ActionResult } from './ActionResult'
import { hasResult, keepsDialog, resultSummary, type ActionResponse } from './response'
import { fieldErrorsOf } from './fieldErrors'

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
  /** Inputs the screen already knows (the bill line a dispute is about): sent as given, not asked for. */
  preset?: Record<string, unknown>
}

/**
 * Confirmation + inputs for one custom action, then POST to its endpoint. A refusal keeps the modal
 * open with the server's message (field errors under their inputs, or named by their label). A
 * one-time secret or a file stays in the dialog (ActionResult); any other result is a receipt in the
 * confirmation, formatted by its declared types.
 */
export function ActionModal({ resource, action, record, ids, open, onClose, onDone, preset }: Props) {
  const { t, i18n } = useTranslation()
  const label = useLabel()
  const { meta } = useMetaState()
  const http = useHttp()
  const queryClient = useQueryClient()
  // One key per opened dialog: a double click or a retry after a lost answer acts once on the server.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey)
  const { open: notify } = useNotification()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  const [result, setResult] = useState<ActionResponse | null>(null)
  const actionName = label(action.label, action.name)
  const fields = (action.fields ?? []).filter((f) => !preset || !(f.name in preset))
  const fieldLabel = (name: string) =>
    name === 'reason' && action.reason ? t('action.reason') : label(fields.find((f) => f.name === name)?.label ?? resource.fields.find((f) => f.name === name)?.label, name)

  // A dialog with inputs says whom it acts on; a bare confirmation asks the question.
  const confirmText = ids
    ? t('action.confirmBulk', { action: actionName, count: ids.length })
    : record
      ? t(fields.length ? 'action.forTarget' : 'action.confirm', { action: actionName, target: recordTitle(record, resource) })
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
      const body: Record<string, unknown> = { ...preset, ...toRequestValues(fields, values) }
      if (action.reason) body.reason = values.reason
      if (ids) body.ids = ids
      const recordId = idOf(resource, record)
      const url = actionUrl(API_URL, resource.name, action.name, recordId)
      const { data } = await http.post<ActionResponse>(url, body, { headers: { 'Idempotency-Key': idempotencyKey } })
      // An action may move money or change other records (an approval posts to the ledger, a grant
      // changes balances): every data query on screen is read again, the rest when next shown.
      // Only data: the session check (auth/me) refetching would unmount the page and this dialog.
      void queryClient.invalidateQueries({ queryKey: ['data'] })
      onDone?.()
      if (keepsDialog(data)) {
        notify?.({ type: 'success', message: data?.message || t('action.done'), description: actionName })
        setResult(data)
      } else {
        const receipt = hasResult(data) ? resultSummary(data, { lang: i18n.language, currency: meta?.settings?.currency, yes: t('common.yes'), no: t('common.no') }) : ''
        const message = data?.message || t('action.done')
        notify?.({ type: 'success', message: receipt ? `${message} — ${receipt}` : message, description: actionName })
        close()
      }
    } catch (error) {
      const apiError = error as ApiError
      // The server answered, so nothing was done: the corrected submission is a new one. Without an
      // answer (network) the next click must replay the same key.
      if (apiError.statusCode) setIdempotencyKey(newIdempotencyKey())
      const shown = [...fields.map((f) => f.name), ...(action.reason ? ['reason'] : [])]
      const { inline, summary } = fieldErrorsOf(apiError, shown, (name) => fieldLabel(name))
      if (inline.length) form.setFields(inline)
      setRefusal(summary || t('action.refused'))
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
        <ActionResult response={result} fallbackName={`${resource.name}-${action.name}`} />
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

function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`
}
