import { useState } from 'react'
import type { BaseKey, BaseRecord } from '@refinedev/core'
import { Button, Space, Typography } from 'antd'
import { EditOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useAdminMeta, useResourceMeta } from '../../../meta/MetaContext'
import { canDo } from '../../../meta/permissions'
import { ActionButton } from '../../../engine/actions/ActionButton'
import { actionApplies, permittedActions } from '../../../engine/actions/visibility'
import { recordTitle, relationLabelOf } from '../../../engine/fields/recordTitle'
import { FieldValue } from '../../../engine/fields/FieldValue'
import { EditMemberModal } from './EditMemberModal'
import { PanelTable } from '../../../engine/show/PanelTable'
import { eqFilter, fieldOf, ORG_FIELD, ORG_RESOURCES, orgAction } from './orgResources'

/** Names the member view may give this month's spend of the member's keys. */
export const MONTH_SPEND_FIELDS = ['month_spend', 'month_spent', 'spent_this_month', 'monthly_spend']

/**
 * The organization's active members: who (the person's account), role, monthly spend cap and this
 * month's spend; change a role or cap in place, remove with a reason, invite by email.
 */
export function OrgMembers({ org }: { org: BaseRecord }) {
  const { t } = useTranslation()
  const meta = useAdminMeta()
  const members = useResourceMeta(ORG_RESOURCES.members)
  const [editing, setEditing] = useState<BaseRecord | null>(null)
  if (!members || !canDo(members, 'list')) return null
  const invite = orgAction(meta, 'invite_member', org)
  const spend = MONTH_SPEND_FIELDS.find((n) => fieldOf(members, n))
  const canEdit = canDo(members, 'edit')
  const cap = fieldOf(members, 'monthly_spend_cap')
  const nameOf = (r: BaseRecord) => relationLabelOf(r, 'customer_id') ?? recordTitle(r, members)

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {invite && (
        <Space>
          <ActionButton resource={invite.resource} action={invite.action} record={org} type="primary" />
        </Space>
      )}
      <PanelTable
        resource={members}
        filters={[...eqFilter(members, ORG_FIELD, org.id), ...eqFilter(members, 'status', 'active')]}
        columns={['customer_id', 'role', 'monthly_spend_cap', ...(spend ? [spend] : []), 'joined_at']}
        render={{
          monthly_spend_cap: {
            cell: (r) =>
              r.monthly_spend_cap === null || r.monthly_spend_cap === undefined || !cap ? (
                <Typography.Text type="secondary">{t('org.members.noCap')}</Typography.Text>
              ) : (
                <FieldValue field={cap} resource={members} record={r} />
              ),
          },
        }}
        actions={(r) => (
          <Space size={4} className="cd-row-actions">
            {canEdit && (
              <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(r)} data-action="edit-member">
                {t('org.members.change')}
              </Button>
            )}
            {permittedActions(members, 'record')
              .filter((a) => actionApplies(a, r))
              .map((a) => <ActionButton key={a.name} compact resource={members} action={a} record={r} />)}
          </Space>
        )}
        empty={t('org.members.empty')}
        listFilter={{ field: ORG_FIELD, value: org.id as BaseKey }}
      />
      {editing && <EditMemberModal resource={members} record={editing} title={t('org.members.changeTitle', { name: nameOf(editing) })} onClose={() => setEditing(null)} />}
    </Space>
  )
}
