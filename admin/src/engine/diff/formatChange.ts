import type { FieldMeta } from '../../meta/types'
import { pickLabel } from '../../meta/label'
import { formatMoney } from '@creditdesk/contract/money'
import { formatDate, formatDateTime, stringifyValue } from '../fields/format'

export interface ChangeFormat {
  yes: string
  no: string
  lang: string
  currency?: string
}

/**
 * One before/after value of an audit diff as text, read the way the field is shown elsewhere:
 * booleans as Yes/No, enum values by their label, dates in the viewer's time zone, money
 * formatted. An empty value is "" (the diff marks it); unknown fields are shown as stored.
 */
export function formatChangeValue(field: FieldMeta | undefined, value: unknown, f: ChangeFormat): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'boolean') return value ? f.yes : f.no
  if (Array.isArray(value) && (!field || field.type === 'tags')) return value.map((v) => stringifyValue(v)).join(', ')
  switch (field?.type) {
    case 'enum': {
      const option = field.options?.find((o) => String(o.value) === String(value))
      return option ? pickLabel(option.label, f.lang, String(option.value)) : String(value)
    }
    case 'datetime':
      return formatDateTime(value)
    case 'date':
      return formatDate(value)
    case 'money':
      return formatMoney(String(value), field.currency ?? f.currency, { locale: f.lang })
    default:
      return stringifyValue(value)
  }
}
