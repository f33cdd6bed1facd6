import { BellOutlined } from '@ant-design/icons'
import { Badge, Button, Empty, List, Popover, Space, Spin, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { labelText } from '@creditdesk/contract/i18n'
import { NOTIFICATION_SEVERITIES, type NotificationWire } from '@creditdesk/contract/notifications'
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../../api/account'
import { formatDateTime } from '../../lib/format'

const REFRESH_MS = 60_000
const SHOWN = 10

/**
 * The header's bell: how many notifications are unread (re-read every minute and when opened),
 * and the latest ones in the reader's language, each marked read by a click, or all at once.
 * A failed refresh keeps what is shown: the bell never interrupts the page.
 */
export function NotificationBell() {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const [open, setOpen] = useState(false)
  const [items, setItems] = useState<NotificationWire[]>([])
  const [unread, setUnread] = useState(0)
  const [loading, setLoading] = useState(false)
  const [failed, setFailed] = useState(false)
  const latest = useRef(0)

  const load = useCallback(async () => {
    const id = ++latest.current
    setLoading(true)
    try {
      const page = await listNotifications({ perPage: SHOWN })
      if (id !== latest.current) return
      setItems(page.data)
      setUnread(page.unread)
      setFailed(false)
    } catch {
      if (id === latest.current) setFailed(true)
    } finally {
      if (id === latest.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    void load()
    const timer = setInterval(() => void load(), REFRESH_MS)
    return () => clearInterval(timer)
  }, [load])

  const markRead = async (item: NotificationWire) => {
    if (item.read_at) return
    const now = new Date().toISOString()
    setItems((list) => list.map((n) => (n.id === item.id ? { ...n, read_at: now } : n)))
    setUnread((n) => Math.max(0, n - 1))
    try {
      await markNotificationRead(item.id)
    } catch {
      void load()
    }
  }

  const markAll = async () => {
    const now = new Date().toISOString()
    setItems((list) => list.map((n) => ({ ...n, read_at: n.read_at ?? now })))
    setUnread(0)
    try {
      await markAllNotificationsRead()
    } catch {
      /* the next refresh shows what the server holds */
    }
    void load()
  }

  const severity = (value: string) => NOTIFICATION_SEVERITIES.find((s) => s.value === value)
  const content = (
    <div className="cd-notifications" style={{ width: 360, maxWidth: 'calc(100vw - 32px)' }} data-testid="notifications-panel">
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button type="link" size="small" disabled={unread === 0} onClick={() => void markAll()} data-testid="notifications-read-all">
          {t('notifications.markAllRead')}
        </Button>
      </Space>
      {failed && items.length === 0 ? (
        <Typography.Text type="secondary">{t('notifications.loadFailed')}</Typography.Text>
      ) : loading && items.length === 0 ? (
        <Spin size="small" />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(item) => {
            const level = severity(item.severity)
            return (
              <List.Item
                key={item.id}
                data-testid={`notification-${item.id}`}
                data-unread={item.read_at ? 'false' : 'true'}
                onClick={() => void markRead(item)}
                style={{ cursor: item.read_at ? 'default' : 'pointer', background: item.read_at ? undefined : 'rgba(79, 70, 229, 0.06)', paddingInline: 8 }}
                extra={
                  !item.read_at && (
                    <Button type="link" size="small" onClick={(e) => { e.stopPropagation(); void markRead(item) }}>
                      {t('notifications.markRead')}
                    </Button>
                  )
                }
              >
                <List.Item.Meta
                  title={
                    <Space size={6} wrap>
                      {!item.read_at && <Badge status="processing" />}
                      {level && level.value !== 'info' && <Tag color={level.color} bordered={false}>{labelText(level.label, lang)}</Tag>}
                      <span>{labelText(item.title, lang)}</span>
                    </Space>
                  }
                  description={
                    <>
                      <div>{labelText(item.body, lang)}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} title={formatDateTime(item.created_at)}>
                        {dayjs(item.created_at).fromNow()}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )
          }}
        />
      )}
    </div>
  )

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (next) void load()
      }}
      content={content}
    >
      <Button type="text" aria-label={t('notifications.bell', { count: unread })} data-testid="notifications-bell">
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  )
}
