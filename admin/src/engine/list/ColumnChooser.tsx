import { Button, Checkbox, Divider, Popover, Space } from 'antd'
import { SettingOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'

interface Props {
  columns: { key: string; title: string }[]
  hidden: string[]
  onToggle: (key: string, visible: boolean) => void
  onReset: () => void
}

export function ColumnChooser({ columns, hidden, onToggle, onReset }: Props) {
  const { t } = useTranslation()
  const content = (
    <div style={{ minWidth: 180 }}>
      <Space direction="vertical" size={4}>
        {columns.map((c) => (
          <Checkbox
            key={c.key}
            checked={!hidden.includes(c.key)}
            disabled={!hidden.includes(c.key) && columns.length - hidden.length <= 1}
            onChange={(e) => onToggle(c.key, e.target.checked)}
          >
            {c.title}
          </Checkbox>
        ))}
      </Space>
      <Divider style={{ margin: '8px 0' }} />
      <Button type="link" size="small" onClick={onReset} style={{ padding: 0 }}>
        {t('list.resetColumns')}
      </Button>
    </div>
  )
  return (
    <Popover trigger="click" placement="bottomRight" content={content} title={t('list.columns')}>
      <Button icon={<SettingOutlined />}>{t('buttons.columns')}</Button>
    </Popover>
  )
}
