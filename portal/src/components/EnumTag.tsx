import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { labelText } from '@creditdesk/contract/i18n'
import type { EnumOption } from '@creditdesk/contract/meta'
import { humanize } from '../lib/format'

/** A status from one of the contract's lists, in its words (the reader's language) and colour. */
export function EnumTag({ options, value, testId }: { options: readonly EnumOption[]; value: string | null | undefined; testId?: string }) {
  const { i18n } = useTranslation()
  if (!value) return null
  const option = options.find((o) => o.value === value)
  return (
    <Tag color={option?.color ?? 'default'} bordered={false} data-testid={testId} data-value={value}>
      {labelText(option?.label, i18n.language) ?? humanize(value)}
    </Tag>
  )
}

/** The text of a value of one of the contract's lists. */
export function enumText(options: readonly EnumOption[], value: string | null | undefined, lang: string): string {
  if (!value) return '—'
  return labelText(options.find((o) => o.value === value)?.label, lang) ?? humanize(value)
}
