import { SwapRightOutlined } from '@ant-design/icons'
import { Alert, Button, DatePicker, Select, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export type DateRange = [Dayjs, Dayjs]

/** The server's filters for a date range picked in local days: from the start of the first to the end of the last. */
export function rangeToQuery(range: DateRange | null) {
  if (!range) return { from: null, to: null }
  return { from: range[0].startOf('day').toISOString(), to: range[1].endOf('day').toISOString() }
}

export interface ListFiltersProps {
  /** Accessible name of the filter bar (`role="search"`). */
  label: string
  /** The multi-select of tags (transaction types, order statuses …). */
  tags: {
    value: string[]
    options: { value: string; label: string }[]
    placeholder: string
    label: string
    color: (value: string) => string | undefined
    onChange: (next: string[]) => void
  }
  range: DateRange | null
  rangeLabel: string
  onRangeChange: (next: DateRange | null) => void
  /** Shows the clear link when any filter is set. */
  filtered: boolean
  clearText: string
  onClear: () => void
  /** Further filters, between the date range and the clear link. */
  children?: ReactNode
}

/** A list's filter bar: a tag multi-select, a date range of whole days (none in the future) and a clear link. */
export function ListFilters({ label, tags, range, rangeLabel, onRangeChange, filtered, clearText, onClear, children }: ListFiltersProps) {
  const { t } = useTranslation()
  return (
    <div className="cd-filters" role="search" aria-label={label}>
      <Select<string[]>
        mode="multiple"
        allowClear
        virtual={false}
        value={tags.value}
        options={tags.options}
        placeholder={tags.placeholder}
        aria-label={tags.label}
        maxTagCount="responsive"
        className="cd-filter-types"
        optionRender={(option) => (
          <Tag color={tags.color(String(option.value))} bordered={false}>
            {option.label}
          </Tag>
        )}
        onChange={tags.onChange}
      />
      <DatePicker.RangePicker
        value={range}
        allowEmpty={[false, false]}
        disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
        aria-label={rangeLabel}
        // antd's own separator is labelled "to" in every language
        separator={
          <span aria-label={t('common.rangeTo')} className="ant-picker-separator">
            <SwapRightOutlined />
          </span>
        }
        presets={[
          { label: t('wallet.history.last7'), value: [dayjs().subtract(6, 'day'), dayjs()] },
          { label: t('wallet.history.last30'), value: [dayjs().subtract(29, 'day'), dayjs()] },
          { label: t('wallet.history.thisMonth'), value: [dayjs().startOf('month'), dayjs()] },
        ]}
        onChange={(next) => onRangeChange(next && next[0] && next[1] ? [next[0], next[1]] : null)}
      />
      {children}
      {filtered && (
        <Button type="link" onClick={onClear}>
          {clearText}
        </Button>
      )}
    </div>
  )
}

/** A list's load error with a retry button. */
export function ListError({ error, onRetry }: { error: string | null; onRetry: () => void }) {
  const { t } = useTranslation()
  if (!error) return null
  return (
    <Alert
      type="error"
      showIcon
      message={error}
      className="cd-form-alert"
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  )
}
