import type { BaseKey, BaseRecord } from '@refinedev/core'
import { Alert, Card, Col, List, Row, Skeleton, Statistic, Typography } from 'antd'
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { compareAmounts, formatMoney, isZero, toUnits, formatUnits, LEDGER_SCALE } from '@creditdesk/contract/money'
import type { ResourceMeta } from '../../meta/types'
import { ActionButton } from '../../engine/actions/ActionButton'
import { actionApplies, permittedActions } from '../../engine/actions/visibility'
import { pickLabel } from '../../meta/label'
import { useBillReconciliation, type BillReconciliation as Recon } from './billDocument'

/** A finding as the reconciliation sends it: its words (a label or text), else its kind. */
function findingText(finding: Record<string, unknown>, lang: string): string {
  for (const key of ['message', 'description', 'detail', 'label']) {
    const v = finding[key]
    if (typeof v === 'string' && v) return v
    if (v && typeof v === 'object') return pickLabel(v as Record<string, string>, lang)
  }
  return String(finding.kind ?? finding.type ?? JSON.stringify(finding))
}

/**
 * Usage charged in the period against the providers' cost and the ledger's postings: the margin,
 * and any difference between what usage charged and what the ledger posted (a mismatch is red and
 * listed as a finding). Reconcile runs it again, recording findings.
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
        <ReconFigures reconciliation={reconciliation} money={money} lang={i18n.language} />
      )}
    </Card>
  )
}

function ReconFigures({ reconciliation: r, money, lang }: { reconciliation: Recon; money: (v: string) => string; lang: string }) {
  const { t } = useTranslation()
  const mismatch = !isZero(r.difference) || compareAmounts(r.usage_charged, r.ledger_posted) !== 0
  const margin = formatUnits(toUnits(r.usage_charged) - toUnits(r.provider_cost), LEDGER_SCALE)
  const figure = (key: string, value: string, bad = false) => (
    <Col xs={12} md={6} key={key}>
      <Card size="small" className={`cd-stat${bad ? ' cd-recon-mismatch' : ''}`} data-recon={key} data-mismatch={bad ? 'true' : 'false'}>
        <Statistic title={t(`bill.recon.${key}`)} value={money(value)} valueStyle={{ fontVariantNumeric: 'tabular-nums', color: bad ? '#cf1322' : undefined }} />
      </Card>
    </Col>
  )
  return (
    <>
      <Row gutter={[16, 16]}>
        {figure('usageCharged', r.usage_charged, mismatch)}
        {figure('providerCost', r.provider_cost)}
        {figure('ledgerPosted', r.ledger_posted, mismatch)}
        {figure('difference', r.difference, !isZero(r.difference))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        {t('bill.recon.margin', { amount: money(margin) })}
      </Typography.Paragraph>
      {mismatch || r.findings.length ? (
        <List
          size="small"
          header={<Typography.Text type="danger"><WarningOutlined /> {t('bill.recon.findings', { count: r.findings.length })}</Typography.Text>}
          dataSource={r.findings}
          locale={{ emptyText: t('bill.recon.mismatchNoFinding') }}
          renderItem={(f, i) => <List.Item key={i} data-finding>{findingText(f, lang)}</List.Item>}
        />
      ) : (
        <Typography.Text type="success" data-testid="recon-ok"><CheckCircleOutlined /> {t('bill.recon.matched')}</Typography.Text>
      )}
    </>
  )
}
