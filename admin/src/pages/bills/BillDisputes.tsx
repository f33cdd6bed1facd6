import type { BaseKey, BaseRecord } from '@refinedev/core'
import { pickLabel } from '../../meta/label'
import type { BillDocument } from './billDocument'
import { Card, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useResourceMeta } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { PanelTable } from '../../engine/show/PanelTable'
import { ActionButton } from '../../engine/actions/ActionButton'
import { actionApplies, permittedActions } from '../../engine/actions/visibility'
import { eqFilter } from '../customer/org/orgResources'

export const DISPUTES_RESOURCE = 'bill-disputes'

/** Disputes on the bill's lines: what is contested and why; credit (issues a credit note) or reject, with a reason. */
export function BillDisputes({ billId, document }: { billId: BaseKey; document?: BillDocument }) {
  const { t, i18n } = useTranslation()
  // the line by its description (as the bill reads), not by its id
  const lineOf = (r: BaseRecord) => {
    const line = document?.lines.find((l) => l.id !== null && String(l.id) === String(r.bill_line_id))
    return line ? pickLabel(line.description, i18n.language) : `#${r.bill_line_id}`
  }
  const disputes = useResourceMeta(DISPUTES_RESOURCE)
  if (!disputes || !canDo(disputes, 'list')) return null
  const filters = eqFilter(disputes, 'bill_id', billId)
  if (!filters.length) return null
  return (
    <Card className="cd-section" size="small" title={t('bill.disputes.title')} data-testid="bill-disputes">
      <PanelTable
        resource={disputes}
        filters={filters}
        columns={['bill_line_id', 'amount', 'reason', 'status', 'created_at', 'resolution']}
        render={document ? { bill_line_id: { cell: lineOf } } : undefined}
        actions={(r) => (
          <Space size={4} className="cd-row-actions">
            {permittedActions(disputes, 'record')
              .filter((a) => actionApplies(a, r))
              .map((a) => <ActionButton key={a.name} compact resource={disputes} action={a} record={r} />)}
          </Space>
        )}
        empty={t('bill.disputes.empty')}
        listFilter={{ field: 'bill_id', value: billId }}
      />
    </Card>
  )
}
