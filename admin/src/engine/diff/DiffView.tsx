import type { BaseRecord } from '@refinedev/core'
import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'
import { stringifyValue } from '../fields/format'
import { diffRecords, snapshotsOf } from './diff'

/** Before → after table of one audit entry; removed values struck through, new values highlighted. */
export function DiffView({ entry, resource }: { entry: BaseRecord; resource?: ResourceMeta }) {
  const { t } = useTranslation()
  const label = useLabel()
  const { before, after } = snapshotsOf(entry)
  const changes = diffRecords(before, after)
  if (!changes.length) return <Typography.Text type="secondary">{t('diff.noChanges')}</Typography.Text>
  const fieldLabel = (name: string) => label(resource?.fields.find((f) => f.name === name)?.label, name)
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
            <td className="cd-diff-field">{fieldLabel(c.field)}</td>
            <td className="cd-diff-before">{c.kind === 'added' ? '' : <del>{stringifyValue(c.before) || '∅'}</del>}</td>
            <td className="cd-diff-after">{c.kind === 'removed' ? '' : <ins>{stringifyValue(c.after) || '∅'}</ins>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
