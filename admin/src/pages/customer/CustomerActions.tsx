import { useState } from 'react'
import type { BaseRecord } from '@refinedev/core'
import { Button, Dropdown } from 'antd'
import { DownOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ActionMeta, ResourceMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'
import { ActionButton } from '../../engine/actions/ActionButton'
import { ActionModal } from '../../engine/actions/ActionModal'
import { actionApplies, permittedActions } from '../../engine/actions/visibility'

/** What support and finance do most on a customer, in this order, as buttons; the rest sit under "More actions". */
const INLINE = ['grant_voucher', 'request_cash_adjustment', 'freeze', 'unfreeze']

/** The actions this viewer may run on this customer (meta-declared, filtered by role and `when`). */
export function CustomerActions({ resource, record }: { resource: ResourceMeta; record: BaseRecord }) {
  const { t } = useTranslation()
  const label = useLabel()
  const [active, setActive] = useState<ActionMeta | null>(null)
  const actions = permittedActions(resource, 'record').filter((a) => actionApplies(a, record))
  const rank = (a: ActionMeta) => (INLINE.includes(a.name) ? INLINE.indexOf(a.name) : INLINE.length)
  const inline = actions.filter((a) => INLINE.includes(a.name)).sort((a, b) => rank(a) - rank(b))
  const overflow = actions.filter((a) => !INLINE.includes(a.name))

  return (
    <>
      {inline.map((a, i) => (
        <ActionButton key={a.name} resource={resource} action={a} record={record} type={i === 0 && !a.danger ? 'primary' : undefined} />
      ))}
      {overflow.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: overflow.map((a) => ({ key: a.name, label: label(a.label, a.name), danger: a.danger, 'data-action': a.name })),
            onClick: ({ key }) => setActive(overflow.find((a) => a.name === key) ?? null),
          }}
        >
          <Button>
            {t('customer.moreActions')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      {active && <ActionModal resource={resource} action={active} record={record} open onClose={() => setActive(null)} />}
    </>
  )
}
