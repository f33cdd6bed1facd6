import type { BaseKey, BaseRecord } from '@refinedev/core'
import { Alert, Card, Col, List, Row, Skeleton, Statistic, Typography } from 'antd'
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { formatMoney, isZero, toUnits, formatUnits, LEDGER_SCALE } from '@creditdesk/contract/money'
import type { ResourceMeta } from '../../meta/types'
import { ActionButton } from '../../engine/actions/ActionButton'
import { actionApplies, permittedActions } from '../../engine/actions/visibility'
import { useBillReconciliation, type BillReconciliation as Recon } from './billDocument'

/**
 * Usage charged in the period against the providers' cost and the ledger's postings: the margin,
 * and any difference between what usage charged and what the ledger posted (a mismatch is red and
 * listed as a finding: usage against its postings, the bill against what the ledger debited).
 * Reading it records any new finding, so it is shown to whoever may reconcile.
 */
export function BillReconciliation({ resource, record, billId, currency }: { resource: ResourceMeta; record: BaseRecord | undefined; billId: BaseKey; currency: string }) {
  const { t, i18n } = useTranslation()
  const { reconciliation, query } = useBillReconciliation(billId, true)
  const reconcile = permittedActions(resource, 'record').find((a) => a.name === 'reconcile' && actionApplies(a, record))
  const money = (v: string) => formatMoney(v, currency, { locale: i18n.language })
  return (
    <Card
      className="cd-section"
      size="small"
      title={t('bill.recon.title')}
      extra={record && reconcile ? <ActionButton resource={resource} action={reconcile} record={record} size="small" /> : null}
      data-testid="bill-reconciliation"
    >
      {query.isError ? (
        <Alert type="error" showIcon message={t('bill.recon.failed')} description={query.error?.message} />
      ) : !reconciliation ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : (
        <ReconFigures reconciliation={reconciliation} money={money} />
      )}
    </Card>
  )
}

/** Which figures a failed check puts in doubt. */
const CHECK_FIGURES: Record<string, string[]> = {
  usage_vs_ledger: ['usageCharged', 'ledgerPosted'],
  bill_vs_ledger: ['billSubtotal', 'ledgerPosted', 'difference'],
}

function ReconFigures({ reconciliation: r, money }: { reconciliation: Recon; money: (v: string) => string }) {
  const { t } = useTranslation()
  const doubted = new Set(r.findings.flatMap((f) => CHECK_FIGURES[f.check] ?? []))
  if (!isZero(r.difference)) doubted.add('difference')
  const margin = formatUnits(toUnits(r.usage_charged) - toUnits(r.provider_cost), LEDGER_SCALE)
  const figures: Array<[string, string]> = [
    ['usageCharged', r.usage_charged],
    ['providerCost', r.provider_cost],
    ['ledgerPosted', r.ledger_posted],
    ...(r.bill_subtotal !== undefined ? [['billSubtotal', r.bill_subtotal] as [string, string]] : []),
    ['difference', r.difference],
  ]
  return (
    <>
      <Row gutter={[16, 16]}>
        {figures.map(([key, value]) => {
          const bad = doubted.has(key)
          return (
            <Col flex="1 1 160px" key={key}>
              <Card size="small" className={`cd-stat${bad ? ' cd-recon-mismatch' : ''}`} data-recon={key} data-mismatch={bad ? 'true' : 'false'}>
                <Statistic title={t(`bill.recon.${key}`)} value={money(value)} valueStyle={{ fontVariantNumeric: 'tabular-nums', color: bad ? '#cf1322' : undefined }} />
              </Card>
            </Col>
          )
        })}
      </Row>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        {t('bill.recon.margin', { amount: money(margin) })}
      </Typography.Paragraph>
      {doubted.size ? (
        <List
          size="small"
          header={<Typography.Text type="danger"><WarningOutlined /> {t('bill.recon.findings', { count: r.findings.length })}</Typography.Text>}
          dataSource={r.findings}
          locale={{ emptyText: t('bill.recon.mismatchNoFinding') }}
          renderItem={(f) => (
            <List.Item key={f.id} data-finding={f.check}>
              {t(`bill.recon.checks.${f.check}`, { defaultValue: f.check, expected: money(f.expected), actual: money(f.actual) })}
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="success" data-testid="recon-ok"><CheckCircleOutlined /> {t('bill.recon.matched')}</Typography.Text>
      )}
    </>
  )
}
