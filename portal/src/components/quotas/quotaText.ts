/**
 * How a quota reads: its feature and period in the reader's language, how full it is (the colour
 * changes at the alert thresholds 80 / 95 / 100 %), and when it starts again, in the reader's zone.
 */
import { labelText } from '@creditdesk/contract/i18n'
import { QUOTA_FEATURES, QUOTA_PERIODS, QUOTA_THRESHOLDS, type QuotaStateWire } from '@creditdesk/contract/quotas'
import { humanize } from '../../lib/format'

export const featureLabel = (feature: string, lang: string) =>
  labelText(QUOTA_FEATURES.find((f) => f.value === feature)?.label, lang) ?? humanize(feature)

export const periodLabel = (period: string, lang: string) => labelText(QUOTA_PERIODS.find((p) => p.value === period)?.label, lang) ?? humanize(period)

/** Whole percent used (may pass 100 when a limit was lowered); null when unlimited. */
export function percentUsed(quota: Pick<QuotaStateWire, 'used' | 'limit'>): number | null {
  if (quota.limit === null) return null
  if (quota.limit <= 0) return quota.used > 0 ? 100 : 0
  return Math.floor((quota.used * 100) / quota.limit)
}

export type QuotaLevel = 'ok' | 'warning' | 'danger' | 'exhausted'

/** The level a percentage is at: below 80 %, from 80 %, from 95 %, at 100 % (the contract's thresholds). */
export function quotaLevel(percent: number | null): QuotaLevel {
  const [warn, danger, full] = QUOTA_THRESHOLDS
  if (percent === null || percent < warn) return 'ok'
  if (percent < danger) return 'warning'
  if (percent < full) return 'danger'
  return 'exhausted'
}

export const LEVEL_COLORS: Record<QuotaLevel, string> = { ok: '#1677ff', warning: '#faad14', danger: '#fa541c', exhausted: '#ff4d4f' }

export const formatCount = (value: number, lang: string) => new Intl.NumberFormat(lang).format(value)

/** "Dec 1, 2026, 12:00 AM" / "2026年12月1日 00:00" in the reader's own zone, with the zone's short name. */
export function formatResetTime(iso: string, lang: string, zone?: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', ...(zone ? { timeZone: zone } : {}) }).format(date)
}
