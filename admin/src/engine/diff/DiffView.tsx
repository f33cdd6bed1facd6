import type { BaseRecord } from '@refinedev/core'
import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../meta/types'
import { useMetaState, useLabel } from '../../meta/MetaContext'
import { diffRecords, snapshotsOf } from './diff'
import { formatChangeValue } from './formatChange'
import { RelationLabel } from '../fields/RelationLabel'

/** Before → after table of one audit entry; removed values struck through, new values highlighted. */
export function DiffView({ entry, resource }: { entry: BaseRecord; resource?: ResourceMeta }) {
  const { t, i18n } = useTranslation()
  const label = useLabel()
  const { meta } = useMetaState()
  const { before, after } = snapshotsOf(entry)
  const changes = diffRecords(before, after)
  if (!changes.length) return <Typography.Text type="secondary">{t('diff.noChanges')}</Typography.Text>
  const fieldOf = (name: string) => resource?.fields.find((f) => f.name === name)
  const format = { yes: t('common.yes'), no: t('common.no'), lang: i18n.language, currency: meta?.settings?.currency }
  // A relation reads as the record it points at ("Plan Pro", not "2"), like everywhere else.
  const text = (name: string, value: unknown) => {
    const field = fieldOf(name)
    if (field?.type === 'relation' && field.relation && (typeof value === 'string' || typeof value === 'number')) return <RelationLabel field={field} id={value} />
    return formatChangeValue(field, value, format) || '∅'
  }
  return (
    <table className="cd-diff" aria-label={t('audit.changes')}>
      <thead>
        <tr>
          <th>{t('diff.field')}</th>
          <th>{t('diff.before')}</th>
          <th>{t('diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field} data-kind={c.kind}>
            <td className="cd-diff-field">{label(fieldOf(c.field)?.label, c.field)}</td>
            <td className="cd-diff-before">{c.kind === 'added' ? '' : <del>{text(c.field, c.before)}</del>}</td>
            <td className="cd-diff-after">{c.kind === 'removed' ? '' : <ins>{text(c.field, c.after)}</ins>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
