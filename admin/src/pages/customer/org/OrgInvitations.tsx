import type { BaseKey, BaseRecord } from '@refinedev/core'
import { Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../../meta/types'
import { useResourceMeta } from '../../../meta/MetaContext'
import { canDo } from '../../../meta/permissions'
import { ActionButton } from '../../../engine/actions/ActionButton'
import { actionApplies, permittedActions } from '../../../engine/actions/visibility'
import { PanelTable } from '../../../engine/show/PanelTable'
import { eqFilter, ORG_FIELD, ORG_RESOURCES } from './orgResources'

/** Invitations still waiting to be accepted: to whom, which role, until when; revoke or send again. */
export function OrgInvitations({ org }: { org: BaseRecord }) {
  const { t } = useTranslation()
  const invitations = useResourceMeta(ORG_RESOURCES.invitations)
  if (!invitations || !canDo(invitations, 'list')) return null
  return (
    <PanelTable
      resource={invitations}
      filters={[...eqFilter(invitations, ORG_FIELD, org.id), ...pendingFilter(invitations)]}
      columns={['email', 'role', invitations.fields.some((f) => f.name === 'state') ? 'state' : 'status', 'expires_at', 'created_at']}
      actions={(r) => (
        <Space size={4} className="cd-row-actions">
          {permittedActions(invitations, 'record')
            .filter((a) => actionApplies(a, r))
            .map((a) => <ActionButton key={a.name} compact resource={invitations} action={a} record={r} />)}
        </Space>
      )}
      empty={t('org.invitations.empty')}
      listFilter={{ field: ORG_FIELD, value: org.id as BaseKey }}
    />
  )
}

/** Still answerable: pending and not past its expiry (the view's computed `state`), else the stored status. */
function pendingFilter(invitations: ResourceMeta) {
  const state = eqFilter(invitations, 'state', 'pending')
  return state.length ? state : eqFilter(invitations, 'status', 'pending')
}
