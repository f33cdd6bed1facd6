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

/** The bill's lifecycle in the order staff meet it; anything else declared follows. */
const ORDER = ['issue', 'send', 'record_offline_payment', 'open_dispute', 'close', 'reopen', 'void']
const INLINE = 3
/** On the page instead: reconcile in its panel, a dispute on the line it is about. */
const ELSEWHERE = ['reconcile', 'open_dispute']

export function billActionsFor(resource: ResourceMeta, record: BaseRecord): ActionMeta[] {
  const rank = (a: ActionMeta) => (ORDER.includes(a.name) ? ORDER.indexOf(a.name) : ORDER.length)
  return permittedActions(resource, 'record')
    .filter((a) => !ELSEWHERE.includes(a.name) && actionApplies(a, record))
    .sort((a, b) => rank(a) - rank(b))
}

/** The bill's actions this viewer may run in its current status: the next steps as buttons, the rest under "More". */
export function BillActions({ resource, record }: { resource: ResourceMeta; record: BaseRecord }) {
  const { t } = useTranslation()
  const label = useLabel()
  const [active, setActive] = useState<ActionMeta | null>(null)
  const actions = billActionsFor(resource, record)
  const inline = actions.filter((a) => !a.danger).slice(0, INLINE)
  const overflow = actions.filter((a) => !inline.includes(a))
  return (
    <>
      {inline.map((a, i) => (
        <ActionButton key={a.name} resource={resource} action={a} record={record} type={i === 0 ? 'primary' : undefined} />
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
