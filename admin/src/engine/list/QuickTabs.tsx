import type { CrudFilters } from '@refinedev/core'
import { Tabs } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'
import { listOptionsOf } from './listMeta'
import { ALL_TAB, activeTab, withTab } from './quickTabs'

interface Props {
  resource: ResourceMeta
  filters: CrudFilters
  /** Rows per tab under the other filters (summary `tabs`); absent while loading. */
  counts?: Record<string, number>
  onChange: (filters: CrudFilters) => void
}

/** The resource's status tabs ("All · Pending 3 · Paid 120 …"); a tab is an IN filter on its field. */
export function QuickTabs({ resource, filters, counts, onChange }: Props) {
  const { t, i18n } = useTranslation()
  const label = useLabel()
  const config = listOptionsOf(resource).quickTabs
  if (!config?.tabs.length) return null
  const number = new Intl.NumberFormat(i18n.language)
  const title = (text: string, key: string) => (
    <span>
      {text}
      {counts?.[key] !== undefined && <span className="cd-tab-count" data-testid={`tab-count-${key}`}>{number.format(counts[key])}</span>}
    </span>
  )
  const items = [
    { key: ALL_TAB, label: title(t('common.all'), ALL_TAB) },
    ...config.tabs.map((tab) => ({ key: tab.key, label: title(label(tab.label, tab.key), tab.key) })),
  ]
  return (
    <Tabs
      className="cd-quick-tabs"
      size="small"
      activeKey={activeTab(config, filters) ?? ''}
      items={items}
      onChange={(key) => onChange(withTab(config, filters, key))}
    />
  )
}
