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

/** A wait in seconds as words: "42 seconds", "15 minutes", "2 hours" (rounded up). */
export function formatWait(seconds: number, t: TFunction): string {
  const s = Math.max(1, Math.ceil(seconds))
  if (s < 90) return t('time.seconds', { count: s })
  const minutes = Math.ceil(s / 60)
  if (minutes < 90) return t('time.minutes', { count: minutes })
  return t('time.hours', { count: Math.ceil(minutes / 60) })
}

/** Calendar days from today until `value` (0 = today, 1 = tomorrow, negative = past), or null. */
export function calendarDaysUntil(value: string | null | undefined, now: dayjs.Dayjs = dayjs()): number | null {
  if (!value) return null
  const d = dayjs(value)
  if (!d.isValid()) return null
  return d.startOf('day').diff(now.startOf('day'), 'day')
}
