import { useCustom } from '@refinedev/core'
import { Alert, Button, Card, Col, Empty, Menu, Result, Row, Skeleton, Tooltip, Typography } from 'antd'
import { InfoCircleOutlined } from '@ant-design/icons'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { REPORT_GROUPS, type ReportDescriptor } from '@creditdesk/contract/reports'
import { API_URL } from '../../providers/http'
import { useMetaState } from '../../meta/MetaContext'
import { pickLabel } from '../../meta/label'
import { canAccess, canDo, findResource, REPORTS_RESOURCE } from '../../meta/permissions'
import { reportPath } from './reportQuery'
import { ReportView } from './ReportView'

/**
 * The reports section (PRD §15): every report the caller may read, grouped as the contract groups
 * them, each with how it is computed; the chosen one (or the first) opens on the right.
 */
export function ReportsPage() {
  const { t, i18n } = useTranslation()
  const locale = i18n.language
  const { meta } = useMetaState()
  const { id } = useParams()
  // another report keeps the reader's range, granularity and zone
  const { search } = useLocation()
  const navigate = useNavigate()
  const canView = canAccess(meta, REPORTS_RESOURCE, 'list')
  const canExport = canDo(findResource(meta, REPORTS_RESOURCE), 'export')
  const { result, query } = useCustom<{ reports: ReportDescriptor[] }>({
    url: `${API_URL}/reports`,
    method: 'get',
    errorNotification: false,
    queryOptions: { enabled: canView },
  })
  const reports = query.isSuccess ? ((result.data as { reports: ReportDescriptor[] }).reports ?? []) : []
  const selected = reports.find((r) => r.id === id) ?? (id ? undefined : reports[0])
  const titleOf = (reportId: string) => pickLabel(reports.find((r) => r.id === reportId)?.title, locale, reportId)

  const items = REPORT_GROUPS.map((group) => ({
    type: 'group' as const,
    key: group.value,
    label: pickLabel(group.label, locale),
    children: reports
      .filter((r) => r.group === group.value)
      .map((r) => ({
        key: r.id,
        label: (
          <span className="cd-report-item">
            <Link to={reportPath(r.id) + search}>{pickLabel(r.title, locale, r.id)}</Link>{' '}
            <Tooltip title={pickLabel(r.how, locale)} placement="right">
              <InfoCircleOutlined aria-label={t('reports.how')} style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }} />
            </Tooltip>
          </span>
        ),
      })),
  })).filter((group) => group.children.length)

  if (!canView) {
    const home = <Button type="primary" onClick={() => navigate('/')}>{t('pages.error.backHome')}</Button>
    return <Result status="403" title="403" subTitle={t('pages.error.forbidden')} extra={home} />
  }
  return (
    <div className="cd-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('reports.title')}</Typography.Title>
      {query.isError && <Alert type="error" showIcon message={query.error?.message} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6}>
          <Card variant="borderless" styles={{ body: { padding: 8 } }}>
            {query.isLoading ? (
              <Skeleton active paragraph={{ rows: 8 }} />
            ) : items.length ? (
              <Menu mode="inline" selectedKeys={selected ? [selected.id] : []} items={items} style={{ borderInlineEnd: 'none' }} data-testid="report-list" />
            ) : (
              <Empty description={t('reports.none')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={18}>
          {selected ? (
            <ReportView key={selected.id} descriptor={selected} canExport={canExport} titleOf={titleOf} />
          ) : (
            query.isSuccess && id && <Empty description={t('reports.unknown', { id })} />
          )}
        </Col>
      </Row>
    </div>
  )
}
