import { DatePicker, Form, Input, InputNumber, Select, Switch, type FormItemProps } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { Rule } from 'antd/es/form'
import { useTranslation } from 'react-i18next'
import type { FieldMeta } from '../../meta/types'
import { useAdminMeta, useLabel } from '../../meta/MetaContext'
import { RelationSelect } from '../fields/RelationSelect'
import { isDecimalString } from '../fields/format'
import { MoneyMapInput } from './MoneyMapInput'
import { FileUpload } from '../files/FileUpload'
import { isMultiple, purposeOf } from '../files/fileField'
import { amountProblem, formOptionsOf, fromMoneyMap, isMoneyMap, scaleOf, toMoneyMap } from './moneyMap'

/**
 * One form row for a declared field: the input its type calls for, its label, help, required mark
 * and client-side rules. Server 422 messages land on the same Form.Item through its `name`.
 */
export function FormField({ field, placeholder: placeholderOverride }: { field: FieldMeta; placeholder?: string }) {
  const { t } = useTranslation()
  const label = useLabel()
  const meta = useAdminMeta()
  const name = label(field.label, field.name)
  const help = field.help ? label(field.help, '') : undefined
  const rules: Rule[] = field.required ? [{ required: true }] : []
  const item: FormItemProps = { name: field.name, label: name, extra: help || undefined, rules, required: !!field.required }
  const placeholder = placeholderOverride ?? t('form.placeholder', { label: name })
  const choose = t('form.selectPlaceholder', { label: name })

  switch (field.type) {
    case 'text':
      if (field.maxLength) rules.push({ max: field.maxLength })
      return <Form.Item {...item}><Input.TextArea aria-label={name} autoSize={{ minRows: 3, maxRows: 12 }} maxLength={field.maxLength} showCount={!!field.maxLength} placeholder={placeholder} /></Form.Item>
    case 'number':
      return <Form.Item {...item}><InputNumber aria-label={name} min={field.min} max={field.max} style={{ width: '100%', maxWidth: 240 }} placeholder={placeholder} /></Form.Item>
    case 'money': {
      rules.push({ validator: (_, v) => (v === undefined || v === null || v === '' || isDecimalString(String(v)) ? Promise.resolve() : Promise.reject(new Error(t('form.invalidMoney')))) })
      const currency = field.currency ?? meta.settings?.currency
      return (
        <Form.Item {...item} normalize={(v: string) => (typeof v === 'string' ? v.trim() : v)}>
          <Input aria-label={name} inputMode="decimal" prefix={currency ? <span className="cd-unit">{currency}</span> : undefined} style={{ maxWidth: 280 }} placeholder="0.00" />
        </Form.Item>
      )
    }
    case 'boolean':
      return <Form.Item {...item} valuePropName="checked" rules={[]}><Switch aria-label={name} /></Form.Item>
    case 'enum':
      return (
        <Form.Item {...item}>
          <Select aria-label={name} placeholder={choose} allowClear={!field.required} style={{ maxWidth: 360 }}
            options={formOptionsOf(field).map((o) => ({ value: o.value as string, label: label(o.label, String(o.value)) }))} />
        </Form.Item>
      )
    case 'date':
    case 'datetime': {
      const isDate = field.type === 'date'
      return (
        <Form.Item
          {...item}
          getValueProps={(v) => ({ value: v ? dayjs(v) : undefined })}
          normalize={(d: Dayjs | null) => (d ? (isDate ? d.format('YYYY-MM-DD') : d.toISOString()) : null)}
        >
          <DatePicker aria-label={name} showTime={!isDate} style={{ minWidth: 220 }} />
        </Form.Item>
      )
    }
    case 'json':
      if (isMoneyMap(field)) {
        // one amount per currency (plan prices); an error names the currency whose amount is wrong
        const check = (v: unknown) => {
          const amounts = Object.entries(fromMoneyMap(v))
          if (field.required && !amounts.length) return Promise.reject(new Error(t('form.priceRequired')))
          for (const [currency, amount] of amounts) {
            const problem = amountProblem(amount, scaleOf(field, currency))
            if (problem) return Promise.reject(new Error(t(`form.amount_${problem}`, { currency, digits: scaleOf(field, currency) })))
          }
          return Promise.resolve()
        }
        return (
          <Form.Item {...item} rules={[{ validator: (_, v) => check(v) }]} getValueProps={(v) => ({ value: toMoneyMap(field, v) })}>
            <MoneyMapInput field={field} name={name} preferred={meta.settings?.currency} />
          </Form.Item>
        )
      }
      rules.push({ validator: (_, v) => (isValidJson(v) ? Promise.resolve() : Promise.reject(new Error(t('form.invalidJson')))) })
      return (
        <Form.Item {...item} getValueProps={(v) => ({ value: typeof v === 'string' || v === undefined || v === null ? v : JSON.stringify(v, null, 2) })}>
          <Input.TextArea aria-label={name} autoSize={{ minRows: 4, maxRows: 16 }} className="cd-mono" placeholder="{ }" />
        </Form.Item>
      )
    case 'relation':
      return <Form.Item {...item}><RelationSelect field={field} aria-label={name} placeholder={choose} style={{ maxWidth: 360 }} /></Form.Item>
    case 'file':
      // the value is the stored file's id: the file is uploaded when picked, the form sends the id
      return <Form.Item {...item}><FileUpload purpose={purposeOf(field)} multiple={isMultiple(field)} aria-label={name} /></Form.Item>
    case 'tags':
      return <Form.Item {...item}><Select aria-label={name} mode="tags" tokenSeparators={[',']} placeholder={placeholder} open={field.options?.length ? undefined : false}
        options={(field.options ?? []).map((o) => ({ value: String(o.value), label: label(o.label, String(o.value)) }))} /></Form.Item>
    default:
      if (field.maxLength) rules.push({ max: field.maxLength })
      if (field.minLength) rules.push({ min: field.minLength })
      if (field.format === 'email') rules.push({ type: 'email' })
      if (field.format === 'phone') rules.push({ pattern: /^\+?[\d\s\-()]{5,32}$/, message: t('form.invalidPhone') })
      if (field.writeOnly) {
        return <Form.Item {...item}><Input.Password aria-label={name} autoComplete="new-password" maxLength={field.maxLength} placeholder={placeholder} style={{ maxWidth: 480 }} /></Form.Item>
      }
      return <Form.Item {...item}><Input aria-label={name} type={field.format === 'email' ? 'email' : undefined} maxLength={field.maxLength} placeholder={placeholder} style={{ maxWidth: 480 }} /></Form.Item>
  }
}

function isValidJson(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || typeof v !== 'string') return true
  try {
    JSON.parse(v)
    return true
  } catch {
    return false
  }
}

/**
 * Form values → request body: JSON text is parsed, empty optional strings become null. A sensitive
 * or write-only field is only sent when something was typed: the form never holds its masked value,
 * so an untouched input must not overwrite the stored secret.
 */
export function toRequestValues(fields: FieldMeta[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const field of fields) {
    if (!(field.name in values)) continue
    let v = values[field.name]
    if ((field.sensitive || field.writeOnly) && (v === undefined || v === null || v === '')) continue
    if (isMoneyMap(field)) v = Object.keys(fromMoneyMap(v)).length ? fromMoneyMap(v) : null
    else if (field.type === 'json' && typeof v === 'string') v = v.trim() ? JSON.parse(v) : null
    if (v === '' && !field.required) v = null
    if (v !== undefined) out[field.name] = v
  }
  return out
}
