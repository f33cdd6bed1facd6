import { Checkbox, Space, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLabel } from '../../meta/MetaContext'
import { STANDARD_ACTIONS, toggleGrant, type Grants, type PermissionMatrix } from './matrix'

interface Props {
  matrix: PermissionMatrix
  grants: Grants
  readOnly: boolean
  onChange: (grants: Grants) => void
  /** How an action reads (CRUD permissions from the dictionary, custom actions by their declared label). */
  actionLabel: (action: string) => string
}

/**
 * Resources × actions checkboxes for one role. The permissions every resource shares (view, create,
 * edit, delete, export, view sensitive) are columns; a resource's own actions (freeze, reverse …) are
 * labelled checkboxes in one last column, so the matrix stays narrow however many actions exist.
 */
export function MatrixTable({ matrix, grants, readOnly, onChange, actionLabel }: Props) {
  const { t } = useTranslation()
  const label = useLabel()
  type Row = PermissionMatrix['resources'][number]
  const standard = STANDARD_ACTIONS.filter((a) => matrix.resources.some((r) => r.actions.includes(a)))
  const hasCustom = matrix.resources.some((r) => r.actions.some((a) => !STANDARD_ACTIONS.includes(a)))

  const box = (row: Row, action: string, text?: string) => (
    <Checkbox
      key={action}
      aria-label={`${row.name}:${action}`}
      checked={(grants[row.name] ?? []).includes(action)}
      disabled={readOnly}
      onChange={(e) => onChange(toggleGrant(grants, row.name, action, e.target.checked))}
    >
      {text}
    </Checkbox>
  )

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
      className="cd-matrix"
      columns={[
        { key: 'resource', title: t('roles.resource'), render: (_, row) => <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{label(row.label, row.name)}</Typography.Text> },
        { key: '__all', title: t('roles.allInRow'), align: 'center', render: (_, row) => rowAll(row) },
        ...standard.map((action) => ({
          key: action,
          title: <span style={{ whiteSpace: 'nowrap' }}>{actionLabel(action)}</span>,
          align: 'center' as const,
          render: (_: unknown, row: Row) => (row.actions.includes(action) ? box(row, action) : null),
        })),
        ...(hasCustom
          ? [{
              key: '__custom',
              title: t('roles.otherActions'),
              render: (_: unknown, row: Row) => (
                <div className="cd-matrix-actions">
                  <Space size={[16, 4]} wrap>
                    {row.actions.filter((a) => !STANDARD_ACTIONS.includes(a)).map((a) => box(row, a, actionLabel(a)))}
                  </Space>
                </div>
              ),
            }]
          : []),
      ]}
    />
  )
}
