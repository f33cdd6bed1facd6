import { Checkbox, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLabel } from '../../meta/MetaContext'
import { prettifyName } from '../../meta/label'
import { actionColumns, toggleGrant, type Grants, type PermissionMatrix } from './matrix'

interface Props {
  matrix: PermissionMatrix
  grants: Grants
  readOnly: boolean
  onChange: (grants: Grants) => void
}

/** Resources × actions checkboxes for one role; cells a resource does not offer stay empty. */
export function MatrixTable({ matrix, grants, readOnly, onChange }: Props) {
  const { t } = useTranslation()
  const label = useLabel()
  const actions = actionColumns(matrix)
  type Row = PermissionMatrix['resources'][number]

  const rowAll = (row: Row) => {
    const granted = grants[row.name] ?? []
    const all = row.actions.every((a) => granted.includes(a))
    return (
      <Checkbox
        aria-label={`${row.name}:*`}
        checked={all}
        indeterminate={!all && granted.length > 0}
        disabled={readOnly}
        onChange={(e) => onChange({ ...grants, [row.name]: e.target.checked ? [...row.actions] : [] })}
      />
    )
  }

  return (
    <Table<Row>
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={matrix.resources}
      scroll={{ x: true }}
      sticky
      columns={[
        { key: 'resource', title: t('roles.resource'), fixed: 'left', render: (_, row) => <Typography.Text strong>{label(row.label, row.name)}</Typography.Text> },
        { key: '__all', title: t('roles.allInRow'), align: 'center', width: 64, render: (_, row) => rowAll(row) },
        ...actions.map((action) => ({
          key: action,
          title: t(`permissions.${action}`, { defaultValue: prettifyName(action) }),
          align: 'center' as const,
          render: (_: unknown, row: Row) =>
            row.actions.includes(action) ? (
              <Checkbox
                aria-label={`${row.name}:${action}`}
                checked={(grants[row.name] ?? []).includes(action)}
                disabled={readOnly}
                onChange={(e) => onChange(toggleGrant(grants, row.name, action, e.target.checked))}
              />
            ) : null,
        })),
      ]}
    />
  )
}
