import { Alert, DatePicker, Divider, Form, Input, InputNumber, Modal, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiKey, ApiKeyInput, PortalModel } from '../../api/usage'
import { formatDateTime } from '../../lib/format'
import { handleFormError } from '../../lib/formErrors'
import { nextResets, viewerZone } from './keyText'

const FIELDS = ['name', 'expires_at', 'allowed_models', 'ip_allowlist', 'rpm_limit', 'tpm_limit', 'daily_spend_cap', 'monthly_spend_cap']
const AMOUNT = /^\d{1,12}(\.\d{1,6})?$/
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(\/(3[0-2]|[12]?\d))?$/
const IPV6 = /^[0-9a-f:.]*:[0-9a-f:.]*(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/i

/** An IPv4 or IPv6 address, or a CIDR block of one (the server checks again). */
export function isIpOrCidr(entry: string): boolean {
  const text = entry.trim()
  return IPV4.test(text) || (IPV6.test(text) && text.split('/')[0].split(':').length <= 8)
}

type Values = {
  name: string
  expires_at?: Dayjs | null
  allowed_models?: string[]
  ip_allowlist?: string[]
  rpm_limit?: number | null
  tpm_limit?: number | null
  daily_spend_cap?: string
  monthly_spend_cap?: string
}

/**
 * Create a key, or edit an existing key's name and limits. Spend caps reset at 00:00 UTC (daily)
 * and on the 1st at 00:00 UTC (monthly); the dialog says when that is in the viewer's zone.
 */
export function KeyFormDialog({
  open,
  editing,
  models,
  onSubmit,
  onCancel,
}: {
  open: boolean
  /** null: create a new key */
  editing: ApiKey | null
  models: PortalModel[]
  onSubmit: (input: ApiKeyInput) => Promise<void>
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!open) return
    setError(null)
    form.resetFields()
    if (editing) {
      form.setFieldsValue({
        name: editing.name,
        allowed_models: editing.allowed_models ?? [],
        ip_allowlist: editing.ip_allowlist ?? [],
        rpm_limit: editing.rpm_limit,
        tpm_limit: editing.tpm_limit,
        daily_spend_cap: editing.daily_spend_cap ?? '',
        monthly_spend_cap: editing.monthly_spend_cap ?? '',
      })
    }
  }, [open, editing, form])

  const submit = async (values: Values) => {
    setBusy(true)
    setError(null)
    const cap = (v?: string) => (v && v.trim() ? v.trim() : null)
    const input: ApiKeyInput = {
      name: values.name.trim(),
      allowed_models: values.allowed_models?.length ? values.allowed_models : null,
      ip_allowlist: values.ip_allowlist?.length ? values.ip_allowlist.map((e) => e.trim()) : null,
      rpm_limit: values.rpm_limit ?? null,
      tpm_limit: values.tpm_limit ?? null,
      daily_spend_cap: cap(values.daily_spend_cap),
      monthly_spend_cap: cap(values.monthly_spend_cap),
    }
    if (!editing && values.expires_at) input.expires_at = values.expires_at.endOf('day').toISOString()
    try {
      await onSubmit(input)
    } catch (err) {
      setError(handleFormError(form, err, FIELDS, t))
    } finally {
      setBusy(false)
    }
  }

  const resets = nextResets()
  const dailyNext = editing?.daily_resets_at ?? resets.daily.toISOString()
  const monthlyNext = editing?.monthly_resets_at ?? resets.monthly.toISOString()
  const capRule = { pattern: AMOUNT, message: t('apiKeys.form.capInvalid') }
  const positive = { validator: (_: unknown, v?: string) => (!v || !/^0*(\.0*)?$/.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('apiKeys.form.capInvalid')))) }

  return (
    <Modal
      open={open}
      title={editing ? t('apiKeys.form.editTitle', { name: editing.name }) : t('apiKeys.form.createTitle')}
      okText={editing ? t('apiKeys.form.submitEdit') : t('apiKeys.form.submitCreate')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional" name="api-key">
        <Form.Item name="name" label={t('apiKeys.form.name')} rules={[{ required: true, whitespace: true, message: t('apiKeys.form.nameRequired') }, { max: 100 }]}>
          <Input placeholder={t('apiKeys.form.namePlaceholder')} maxLength={100} autoComplete="off" />
        </Form.Item>
        {!editing && (
          <Form.Item name="expires_at" label={t('apiKeys.form.expiresAt')} extra={t('apiKeys.form.expiresHelp')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
          </Form.Item>
        )}
        <Form.Item name="allowed_models" label={t('apiKeys.form.allowedModels')} extra={t('apiKeys.form.allowedModelsHelp')}>
          <Select
            mode="multiple"
            allowClear
            virtual={false}
            placeholder={t('apiKeys.form.allModels')}
            options={models.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item
          name="ip_allowlist"
          label={t('apiKeys.form.ipAllowlist')}
          extra={t('apiKeys.form.ipAllowlistHelp')}
          rules={[
            {
              validator: (_, entries?: string[]) => {
                const bad = (entries ?? []).find((e) => !isIpOrCidr(e))
                return bad ? Promise.reject(new Error(t('apiKeys.form.ipInvalid', { entry: bad }))) : Promise.resolve()
              },
            },
          ]}
        >
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} placeholder={t('apiKeys.form.ipPlaceholder')} suffixIcon={null} />
        </Form.Item>
        <Divider orientation="left" plain>
          {t('apiKeys.form.limitsTitle')}
        </Divider>
        <div className="cd-key-limits">
          <Form.Item name="rpm_limit" label={t('apiKeys.form.rpmLimit')}>
            <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} placeholder={t('apiKeys.form.noLimit')} />
          </Form.Item>
          <Form.Item name="tpm_limit" label={t('apiKeys.form.tpmLimit')}>
            <InputNumber min={1} max={2_000_000_000} precision={0} style={{ width: '100%' }} placeholder={t('apiKeys.form.noLimit')} />
          </Form.Item>
        </div>
        <Form.Item
          name="daily_spend_cap"
          label={t('apiKeys.form.dailySpendCap')}
          rules={[capRule, positive]}
          extra={t('apiKeys.form.dailyResets', { time: dayjs(resets.daily).format('LT'), next: formatDateTime(dailyNext), zone: viewerZone() })}
        >
          <Input inputMode="decimal" placeholder={t('apiKeys.form.noLimit')} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="monthly_spend_cap"
          label={t('apiKeys.form.monthlySpendCap')}
          rules={[capRule, positive]}
          extra={t('apiKeys.form.monthlyResets', { next: formatDateTime(monthlyNext), zone: viewerZone() })}
        >
          <Input inputMode="decimal" placeholder={t('apiKeys.form.noLimit')} autoComplete="off" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  )
}
