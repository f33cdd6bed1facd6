import dayjs from 'dayjs'
import type { TFunction } from 'i18next'

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const d = dayjs(value)
  return d.isValid() ? d.format('lll') : '—'
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—'
  const d = dayjs(value)
  return d.isValid() ? d.format('LL') : '—'
}

export function fromNow(value: string | null | undefined): string {
  if (!value) return '—'
  const d = dayjs(value)
  return d.isValid() ? d.fromNow() : '—'
}

/** "some_value" → "Some value": used when the server sends an enum value we have no translation for. */
export function humanize(value: string): string {
  const text = value.replace(/[_-]+/g, ' ').trim()
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : value
}

/** Translated label of an enum value (account type, tier, verification status), never a raw key. */
export function enumLabel(t: TFunction, group: 'type' | 'tier' | 'verification', value: string | null | undefined) {
  if (!value) return t('common.notSet')
  return t(`enums.${group}.${value}`, { defaultValue: humanize(value) })
}
