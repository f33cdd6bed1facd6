import type { BaseKey, BaseRecord } from '@refinedev/core'
import { Space, Tag, Typography } from 'antd'
import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons'
import { useLocale } from '../../i18n/locale'
import type { FieldMeta, ResourceMeta } from '../../meta/types'
import { useAdminMeta, useLabel } from '../../meta/MetaContext'
import { formatMoney } from '@creditdesk/contract/money'
import { formatDate, formatDateTime, stringifyValue } from './format'
import { RelationLabel } from './RelationLabel'
import { SensitiveValue } from './SensitiveValue'
import { HoverTooltip } from './HoverTooltip'
import { idOf, relationLabelOf } from './recordTitle'
import { formatMoneyMap, isMoneyMap } from '../form/moneyMap'
import { FileDownload } from '../files/FileDownload'
import { idsOf } from '../files/fileField'

interface Props {
  field: FieldMeta
  resource: ResourceMeta
  record: BaseRecord
  /** "list" keeps cells compact; "show" renders long values in full. */
  mode?: 'list' | 'show'
  /** Ids of this relation across the page (one batched lookup). */
  relationIds?: BaseKey[]
}

/** Tags a list cell shows before "+N" (the rest in a tooltip), so rows keep one line. */
const LIST_TAGS = 2

/** Plain spans styled in styles.css for the values every row repeats (a Typography per cell costs a page of rows). */
export const Empty = () => <span className="cd-empty">—</span>

/** One read-only value rendered by its declared type. */
export function FieldValue({ field, resource, record, mode = 'list', relationIds }: Props) {
  const { t, i18n } = useLocale()
  const label = useLabel()
  const meta = useAdminMeta()
  const value = record[field.name]

  // An empty value is empty for everyone: the server masks only values that exist (null stays null),
  // so there is nothing to hide and nothing to reveal.
  if (value === null || value === undefined || value === '') return <Empty />
  const id = idOf(resource, record)
  if (field.sensitive && id !== undefined) {
    return <SensitiveValue resource={resource} recordId={id} field={field.name} masked={value} />
  }

  // A stored file (its id; the row's label is its name): a signed link is asked for on click
  const fileIds = field.type === 'file' ? idsOf(value) : []
  if (fileIds.length) {
    const name = relationLabelOf(record, field.name) ?? siblingName(record, field.name)
    return (
      <Space size={[8, 0]} wrap>
        {fileIds.map((fileId) => <FileDownload key={fileId} fileId={fileId} name={fileIds.length === 1 ? name : `#${fileId}`} />)}
      </Space>
    )
  }

  // An id the server labelled through another column (an audit row's record, a transaction's reference)
  const labelled = field.type === 'relation' ? undefined : relationLabelOf(record, field.name)
  if (labelled) {
    return (
      <HoverTooltip title={`#${stringifyValue(value)}`}>
        <span>{labelled}</span>
      </HoverTooltip>
    )
  }

  switch (field.type) {
    case 'enum':
      return <EnumTag field={field} value={value} label={label} />
    case 'boolean':
      return value ? (
        <Tag icon={<CheckCircleFilled />} color="success">{t('common.yes')}</Tag>
      ) : (
        <Tag icon={<MinusCircleOutlined />}>{t('common.no')}</Tag>
      )
    case 'money':
      return (
        <span className="cd-money">
          {formatMoney(String(value), field.currency ?? rowCurrency(record) ?? meta.settings?.currency, { locale: i18n.language })}
        </span>
      )
    case 'datetime':
      return (
        <HoverTooltip title={() => formatDateTime(value, { full: true, locale: i18n.language })}>
          <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(value, { locale: i18n.language })}</span>
        </HoverTooltip>
      )
    case 'date':
      return <span style={{ whiteSpace: 'nowrap' }}>{formatDate(value, i18n.language)}</span>
    case 'relation':
      return <RelationLabel field={field} id={value as BaseKey} label={relationLabelOf(record, field.name)} ids={relationIds} />
    case 'tags': {
      const tags = (Array.isArray(value) ? value : String(value).split(',')).map(String).filter(Boolean)
      if (!tags.length) return <Empty />
      const shown = mode === 'list' ? tags.slice(0, LIST_TAGS) : tags
      const rest = tags.slice(shown.length)
      return (
        <Space size={[4, 4]} wrap={mode === 'show'}>
          {shown.map((tag) => (
            <Tag key={tag} style={{ marginInlineEnd: 0 }}>{tag}</Tag>
          ))}
          {rest.length > 0 && (
            <HoverTooltip title={rest.join(', ')}>
              <Tag style={{ marginInlineEnd: 0 }}>+{rest.length}</Tag>
            </HoverTooltip>
          )}
        </Space>
      )
    }
    case 'json':
      if (isMoneyMap(field)) return <span style={{ whiteSpace: 'nowrap' }}>{formatMoneyMap(field, value, i18n.language)}</span>
      // a text in both languages (a bill line's description) reads in the viewer's
      if (isBilingual(value)) return <span>{label(value, '')}</span>
      return mode === 'show' ? (
        <pre className="cd-json">{JSON.stringify(value, null, 2)}</pre>
      ) : (
        <Typography.Text code ellipsis={{ tooltip: stringifyValue(value) }} style={{ maxWidth: 240 }}>
          {stringifyValue(value)}
        </Typography.Text>
      )
    case 'file':
      return (
        <Typography.Link href={String(value)} target="_blank" rel="noreferrer">
          {String(value).split('/').pop()}
        </Typography.Link>
      )
    case 'text':
      return mode === 'show' ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{String(value)}</Typography.Paragraph>
      ) : (
        <Typography.Text ellipsis={{ tooltip: String(value) }} style={{ maxWidth: 280 }}>{String(value)}</Typography.Text>
      )
    default:
      return <span>{stringifyValue(value)}</span>
  }
}

/** A money field without a fixed currency is in the row's own (an order's `currency`). */
function rowCurrency(record: BaseRecord): string | undefined {
  return typeof record.currency === 'string' && /^[A-Z]{3,10}$/.test(record.currency) ? record.currency : undefined
}

function EnumTag({ field, value, label }: { field: FieldMeta; value: unknown; label: ReturnType<typeof useLabel> }) {
  const option = field.options?.find((o) => String(o.value) === String(value))
  return <Tag color={option?.color}>{option ? label(option.label, String(option.value)) : String(value)}</Tag>
}

/** A file's name as the row carries it beside the id: `file_id` → `file_name`. */
function siblingName(record: BaseRecord, field: string): string | null {
  const value = record[`${field.replace(/_ids?$/, '')}_name`]
  return typeof value === 'string' && value ? value : null
}

/** `{ "en": …, "zh-CN": … }`: a stored text in the console's languages. */
function isBilingual(value: unknown): value is Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false
  const entries = Object.entries(value)
  return entries.length > 0 && entries.every(([k, v]) => (k === 'en' || k === 'zh-CN') && typeof v === 'string')
}
