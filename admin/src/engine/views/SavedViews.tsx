import { useState } from 'react'
import { useLocation } from 'react-router'
import { App, Button, Divider, Empty, Input, List, Popover, Space, Spin, Typography } from 'antd'
import { BookOutlined, CheckOutlined, DeleteOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useSavedViews, type SavedView } from './useSavedViews'
import { sameView, viewQueryOf } from './viewQuery'

interface Props {
  resource: string
  /** Opens a saved view: the list navigates to its query. */
  onApply: (query: string) => void
}

/**
 * "Views" menu of a list: the staff member's saved views of this resource (apply, delete) and
 * "save the current view" under a name. The current view is the URL (filters, sort, columns, tab).
 */
export function SavedViews({ resource, onApply }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { search } = useLocation()
  const [open, setOpen] = useState(false)
  const [opened, setOpened] = useState(false)
  const [name, setName] = useState('')
  const { views, loading, busy, save, remove } = useSavedViews(resource, opened)
  const current = views.find((v) => sameView(v.query, search))

  const submit = async () => {
    const trimmed = name.trim()
    if (!trimmed) return
    try {
      await save(trimmed, viewQueryOf(search))
      setName('')
      void message.success(t('views.saved', { name: trimmed }))
    } catch (error) {
      void message.error((error as Error).message)
    }
  }
  const apply = (view: SavedView) => {
    setOpen(false)
    onApply(view.query)
  }

  const content = (
    <div className="cd-views" data-testid="saved-views">
      {loading ? (
        <Spin size="small" />
      ) : views.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('views.none')} style={{ margin: '8px 0' }} />
      ) : (
        <List
          size="small"
          dataSource={views}
          renderItem={(view) => (
            <List.Item
              actions={[
                <Button
                  key="delete"
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('views.delete', { name: view.name })}
                  disabled={busy}
                  onClick={() => void remove(view.id)}
                />,
              ]}
            >
              <Button type="link" size="small" className="cd-view-name" onClick={() => apply(view)} icon={view === current ? <CheckOutlined /> : undefined}>
                {view.name}
              </Button>
            </List.Item>
          )}
        />
      )}
      <Divider style={{ margin: '8px 0' }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('views.saveHint')}</Typography.Text>
      <Space.Compact style={{ width: '100%', marginTop: 6 }}>
        <Input
          placeholder={t('views.name')}
          aria-label={t('views.name')}
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => void submit()}
        />
        <Button type="primary" onClick={() => void submit()} loading={busy} disabled={!name.trim()}>
          {t('views.save')}
        </Button>
      </Space.Compact>
    </div>
  )

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('views.title')}
      content={content}
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (next) setOpened(true)
      }}
    >
      <Button icon={<BookOutlined />} data-testid="views-button">
        {current ? `${t('views.title')}: ${current.name}` : t('views.title')}
      </Button>
    </Popover>
  )
}
