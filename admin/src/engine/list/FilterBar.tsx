import { useEffect, useMemo, useRef, useState } from 'react'
import type { CrudFilter, CrudFilters, LogicalFilter } from '@refinedev/core'
import { Badge, Button, Drawer, Form, Input } from 'antd'
import { ClearOutlined, FilterOutlined, SearchOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'
import { activeFilterNames, filterSpecsOf, fromCrudFilters, hasSearch, toCrudFilters, type FilterSpec, type FilterValues } from './filters'
import { FilterControl } from './FilterControl'
import { splitFilterSpecs } from './listMeta'

interface Props {
  resource: ResourceMeta
  filters: CrudFilters
  onApply: (filters: CrudFilters) => void
}

const TYPING_DELAY_MS = 400
const TEXT_KINDS = new Set(['text', 'range'])

/**
 * Search box, the resource's primary filters inline (at most six), and every other filter in a
 * "More filters" drawer whose button counts the active ones. Values live in the URL (useTable's
 * syncWithLocation); this bar translates between controls and CrudFilters and keeps any filter it
 * has no control for (a quick tab, a link from a related record) as it is.
 */
export function FilterBar({ resource, filters, onApply }: Props) {
  const { t } = useTranslation()
  const label = useLabel()
  const specs = useMemo(() => filterSpecsOf(resource), [resource])
  const { primary, more } = useMemo(() => splitFilterSpecs(resource, specs), [resource, specs])
  const [state, setState] = useState(() => fromCrudFilters(specs, filters))
  const [drawerOpen, setDrawerOpen] = useState(false)
  const applied = useRef(JSON.stringify(filters))
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)

  useEffect(() => {
    const key = JSON.stringify(filters)
    if (key === applied.current) return
    applied.current = key
    setState(fromCrudFilters(specs, filters))
  }, [filters, specs])

  useEffect(() => () => clearTimeout(timer.current), [])

  const apply = (values: FilterValues, search: string, rest: CrudFilter[], delay = 0) => {
    setState({ values, search, rest })
    clearTimeout(timer.current)
    const run = () => {
      const next = [...toCrudFilters(specs, values, search), ...rest]
      applied.current = JSON.stringify(next)
      onApply(next)
    }
    if (delay) timer.current = setTimeout(run, delay)
    else run()
  }

  const setValue = (spec: FilterSpec, value: unknown) => {
    const name = spec.field.name
    // a control now speaks for its field: a kept filter on the same field (e.g. an `eq` from a link) goes
    const rest = state.rest.filter((f) => (f as LogicalFilter).field !== name)
    apply({ ...state.values, [name]: value }, state.search, rest, TEXT_KINDS.has(spec.kind) ? TYPING_DELAY_MS : 0)
  }
  const clearAll = () => apply({}, '', [])
  const clearMore = () => {
    const values = { ...state.values }
    for (const spec of more) delete values[spec.field.name]
    apply(values, state.search, state.rest)
  }

  const activeMore = activeFilterNames(more, state.values).length
  const active = filters.length > 0
  if (!specs.length && !hasSearch(resource)) return null

  const control = (spec: FilterSpec, block = false) => (
    <FilterControl spec={spec} block={block} value={state.values[spec.field.name]} onChange={(v) => setValue(spec, v)} />
  )

  return (
    <div className="cd-filterbar">
      {hasSearch(resource) && (
        <Input
          className="cd-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('list.search')}
          aria-label={t('list.search')}
          value={state.search}
          onChange={(e) => apply(state.values, e.target.value, state.rest, TYPING_DELAY_MS)}
          onPressEnter={() => apply(state.values, state.search, state.rest)}
        />
      )}
      {primary.map((spec) => (
        <div key={spec.field.name} className="cd-filter-item">{control(spec)}</div>
      ))}
      {more.length > 0 && (
        <Badge count={activeMore} size="small" offset={[-4, 4]}>
          <Button icon={<FilterOutlined />} onClick={() => setDrawerOpen(true)} data-testid="more-filters">
            {t('list.moreFilters')}
          </Button>
        </Badge>
      )}
      {active && (
        <Button type="link" icon={<ClearOutlined />} onClick={clearAll}>
          {t('list.clearFilters')}
        </Button>
      )}
      {more.length > 0 && (
        <Drawer
          title={t('list.moreFilters')}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          width={420}
          extra={activeMore > 0 && <Button type="link" onClick={clearMore}>{t('list.clearAll')}</Button>}
          footer={<Button type="primary" block onClick={() => setDrawerOpen(false)}>{t('list.showResults')}</Button>}
        >
          <Form layout="vertical" component="div" className="cd-filter-drawer">
            {more.map((spec) => (
              <Form.Item key={spec.field.name} label={label(spec.field.label, spec.field.name)}>
                {control(spec, true)}
              </Form.Item>
            ))}
          </Form>
        </Drawer>
      )}
    </div>
  )
}
