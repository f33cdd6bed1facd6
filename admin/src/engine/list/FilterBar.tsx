import { useEffect, useMemo, useRef, useState } from 'react'
import type { CrudFilters } from '@refinedev/core'
import { Button, Form, Input } from 'antd'
import { ClearOutlined, SearchOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../meta/types'
import { filterSpecsOf, fromCrudFilters, hasSearch, toCrudFilters, type FilterValues } from './filters'
import { FilterControl } from './FilterControl'

interface Props {
  resource: ResourceMeta
  filters: CrudFilters
  onApply: (filters: CrudFilters) => void
}

const TYPING_DELAY_MS = 400

const emptyValues = (specs: { field: { name: string } }[]): FilterValues =>
  Object.fromEntries(specs.map((s) => [s.field.name, undefined]))

/**
 * Search box plus one control per filterable field. Values live in the URL (through useTable's
 * syncWithLocation); this bar only translates between controls and CrudFilters.
 */
export function FilterBar({ resource, filters, onApply }: Props) {
  const { t } = useTranslation()
  const specs = useMemo(() => filterSpecsOf(resource), [resource])
  const initial = useMemo(() => fromCrudFilters(specs, filters), []) // eslint-disable-line react-hooks/exhaustive-deps
  const [form] = Form.useForm<FilterValues>()
  const [search, setSearch] = useState(initial.search)
  const applied = useRef(JSON.stringify(filters))
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)

  useEffect(() => {
    const key = JSON.stringify(filters)
    if (key === applied.current) return
    applied.current = key
    const restored = fromCrudFilters(specs, filters)
    form.setFieldsValue({ ...emptyValues(specs), ...restored.values })
    setSearch(restored.search)
  }, [filters, specs, form])

  useEffect(() => () => clearTimeout(timer.current), [])

  const apply = (values: FilterValues, searchText: string, delay = 0) => {
    clearTimeout(timer.current)
    const run = () => {
      const next = toCrudFilters(specs, values, searchText)
      applied.current = JSON.stringify(next)
      onApply(next)
    }
    if (delay) timer.current = setTimeout(run, delay)
    else run()
  }

  const textKinds = new Set(['text', 'range'])
  const onValuesChange = (changed: FilterValues, all: FilterValues) => {
    const typing = Object.keys(changed).some((name) => textKinds.has(specs.find((s) => s.field.name === name)?.kind ?? ''))
    apply(all, search, typing ? TYPING_DELAY_MS : 0)
  }

  const active = filters.length > 0
  if (!specs.length && !hasSearch(resource)) return null

  return (
    <div className="cd-filterbar">
      {hasSearch(resource) && (
        <Input
          className="cd-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('list.search')}
          aria-label={t('list.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value)
            apply(form.getFieldsValue(), e.target.value, TYPING_DELAY_MS)
          }}
          onPressEnter={() => apply(form.getFieldsValue(), search)}
        />
      )}
      <Form form={form} layout="inline" initialValues={initial.values} onValuesChange={onValuesChange} className="cd-filter-form">
        {specs.map((spec) => (
          <Form.Item key={spec.field.name} name={spec.field.name} style={{ marginBottom: 8 }}>
            <FilterControl spec={spec} />
          </Form.Item>
        ))}
      </Form>
      {active && (
        <Button
          type="link"
          icon={<ClearOutlined />}
          onClick={() => {
            form.setFieldsValue(emptyValues(specs))
            setSearch('')
            apply({}, '')
          }}
        >
          {t('list.clearFilters')}
        </Button>
      )}
    </div>
  )
}
