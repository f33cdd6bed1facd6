import { Tag } from 'antd'
import dayjs from 'dayjs'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { labelText } from '@creditdesk/contract/i18n'
import { API_KEY_STATES, USAGE_STATUSES } from '@creditdesk/contract/usage'
import type { EnumOption } from '@creditdesk/contract/meta'
import type { ApiKey } from '../../api/usage'
import { formatDate, humanize } from '../../lib/format'
import { formatMoney } from '../Money'

function EnumTag({ options, value, testId }: { options: readonly EnumOption[]; value: string; testId: string }) {
  const { i18n } = useTranslation()
  const option = options.find((o) => o.value === value)
  return (
    <Tag color={option?.color ?? 'default'} bordered={false} data-testid={testId} data-value={value}>
      {labelText(option?.label, i18n.language) ?? humanize(value)}
    </Tag>
  )
}

/** A key's state (enabled, disabled, locked, expired) in the contract's words and colour. */
export function KeyStateTag({ state }: { state: string }) {
  return <EnumTag options={API_KEY_STATES} value={state} testId="key-state" />
}

/** A request's status (success, error, cancelled). */
export function UsageStatusTag({ status }: { status: string }) {
  return <EnumTag options={USAGE_STATUSES} value={status} testId="usage-status" />
}

/** The key's limits as short lines ("60 requests/min", "Daily cap $5.00" …); empty when it has none. */
export function limitLines(t: TFunction, key: ApiKey, asset: string | null): string[] {
  const lines: string[] = []
  if (key.rpm_limit) lines.push(t('apiKeys.rpm', { count: key.rpm_limit }))
  if (key.tpm_limit) lines.push(t('apiKeys.tpm', { count: key.tpm_limit }))
  if (key.daily_spend_cap) lines.push(t('apiKeys.dailyCap', { amount: formatMoney(t, key.daily_spend_cap, asset) }))
  if (key.monthly_spend_cap) lines.push(t('apiKeys.monthlyCap', { amount: formatMoney(t, key.monthly_spend_cap, asset) }))
  if (key.allowed_models?.length) lines.push(t('apiKeys.modelsOnly', { count: key.allowed_models.length }))
  if (key.ip_allowlist?.length) lines.push(t('apiKeys.ipsOnly', { count: key.ip_allowlist.length }))
  if (key.expires_at) {
    const past = dayjs(key.expires_at).isBefore(dayjs())
    lines.push(t(past ? 'apiKeys.expired' : 'apiKeys.expires', { date: formatDate(key.expires_at) }))
  }
  return lines
}

/** The next daily reset (00:00 UTC) and monthly reset (the 1st, 00:00 UTC), as instants. */
export function nextResets(now = dayjs()) {
  const utc = now.toDate()
  const daily = new Date(Date.UTC(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate() + 1))
  const monthly = new Date(Date.UTC(utc.getUTCFullYear(), utc.getUTCMonth() + 1, 1))
  return { daily: dayjs(daily), monthly: dayjs(monthly) }
}

/** The viewer's time zone name (IANA), for saying which zone local times are in. */
export function viewerZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}
