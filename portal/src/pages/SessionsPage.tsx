import { DesktopOutlined, GlobalOutlined, LogoutOutlined, MobileOutlined, ReloadOutlined, TabletOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Grid, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import * as api from '../api/portal'
import type { PortalSession } from '../api/types'
import { PageHeader } from '../components/PageHeader'
import { useDocumentTitle } from '../hooks'
import { describeError } from '../lib/formErrors'
import { formatDateTime, fromNow } from '../lib/format'
import { summariseUserAgent, type DeviceKind } from '../lib/userAgent'

const DEVICE_ICONS: Record<DeviceKind, React.ReactNode> = {
  desktop: <DesktopOutlined />,
  mobile: <MobileOutlined />,
  tablet: <TabletOutlined />,
  other: <GlobalOutlined />,
}

export function describeDevice(userAgent: string | null | undefined, t: TFunction) {
  const ua = summariseUserAgent(userAgent)
  let label: string
  if (ua.browser && ua.os) label = t('ua.on', { browser: ua.browser, os: ua.os })
  else if (ua.browser || ua.os) label = (ua.browser || ua.os) as string
  else label = t('ua.unknown')
  return { label, device: ua.device }
}

function byRecency(a: PortalSession, b: PortalSession) {
  if (a.current !== b.current) return a.current ? -1 : 1
  return (Date.parse(b.last_seen_at ?? '') || 0) - (Date.parse(a.last_seen_at ?? '') || 0)
}

export function SessionsPage() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  // On phones the table collapses to one column: IP and last seen go under the device name.
  const wide = !!Grid.useBreakpoint().md
  const [sessions, setSessions] = useState<PortalSession[] | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  useDocumentTitle(t('sessions.title'))

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setSessions([...(await api.listSessions())].sort(byRecency))
    } catch (err) {
      setError(describeError(err, t))
    } finally {
      setLoading(false)
    }
  }, [t])

  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once; `t` changes with the language
  }, [])

  const others = useMemo(() => (sessions ?? []).filter((s) => !s.current).length, [sessions])

  const confirmRevoke = () => {
    modal.confirm({
      title: t('sessions.confirmTitle'),
      content: t('sessions.confirmText'),
      okText: t('sessions.confirmOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const revoked = await api.revokeOtherSessions()
          void message.success(revoked > 0 ? t('sessions.revoked', { count: revoked }) : t('sessions.revokedNone'))
          await load()
        } catch (err) {
          void message.error(describeError(err, t))
        }
      },
    })
  }

  const columns: TableColumnsType<PortalSession> = [
    {
      key: 'device',
      title: t('sessions.device'),
      render: (_, s) => {
        const { label, device } = describeDevice(s.user_agent, t)
        return (
          <Space align="start" size={12}>
            <span className="cd-device-icon" aria-label={t(`ua.${device}`)}>
              {DEVICE_ICONS[device]}
            </span>
            <div style={{ minWidth: 0 }}>
              <Space size={8} wrap>
                <Tooltip title={s.user_agent || undefined}>
                  <Typography.Text strong>{label}</Typography.Text>
                </Tooltip>
                {s.current && (
                  <Tag color="green" bordered={false}>
                    {t('sessions.thisDevice')}
                  </Tag>
                )}
              </Space>
              {!wide && (
                <div className="cd-session-meta">
                  <Typography.Text type="secondary" className="cd-mono">
                    {s.ip || '—'}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('sessions.lastSeen')}: {fromNow(s.last_seen_at)}
                  </Typography.Text>
                </div>
              )}
            </div>
          </Space>
        )
      },
    },
    {
      key: 'ip',
      dataIndex: 'ip',
      title: t('sessions.ip'),
      responsive: ['md'],
      render: (ip: string | null) => <Typography.Text className="cd-mono">{ip || '—'}</Typography.Text>,
    },
    {
      key: 'created_at',
      dataIndex: 'created_at',
      title: t('sessions.signedIn'),
      responsive: ['md'],
      render: (v: string | null) => formatDateTime(v),
    },
    {
      key: 'last_seen_at',
      dataIndex: 'last_seen_at',
      title: t('sessions.lastSeen'),
      responsive: ['md'],
      render: (v: string | null) => (
        <Tooltip title={formatDateTime(v)}>
          <span>{fromNow(v)}</span>
        </Tooltip>
      ),
    },
  ]

  const actions = (
    <Space wrap>
      <Tooltip title={t('sessions.refresh')}>
        <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} aria-label={t('sessions.refresh')} />
      </Tooltip>
      <Button danger icon={<LogoutOutlined />} onClick={confirmRevoke} disabled={!sessions || others === 0}>
        {t('sessions.revokeOthers')}
      </Button>
    </Space>
  )

  return (
    <>
      <PageHeader title={t('sessions.title')} description={t('sessions.description')} />
      <Card
        variant="borderless"
        className="cd-card"
        title={sessions ? t('sessions.count', { count: sessions.length }) : t('sessions.title')}
        extra={wide ? actions : undefined}
      >
        {!wide && <div className="cd-card-actions">{actions}</div>}
        {error && (
          <Alert
            type="error"
            showIcon
            message={error}
            className="cd-form-alert"
            action={
              <Button size="small" onClick={() => void load()}>
                {t('common.retry')}
              </Button>
            }
          />
        )}
        {sessions && sessions.length > 0 && others === 0 && (
          <Alert type="info" showIcon message={t('sessions.onlyThis')} className="cd-form-alert" />
        )}
        <Table<PortalSession>
          rowKey={(s) => String(s.id)}
          columns={columns}
          dataSource={sessions ?? []}
          loading={loading}
          pagination={false}
          scroll={wide ? { x: 720 } : undefined}
          rowClassName={(s) => (s.current ? 'cd-row-current' : '')}
          locale={{ emptyText: t('sessions.empty') }}
        />
      </Card>
    </>
  )
}
