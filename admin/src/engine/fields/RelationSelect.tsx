import { useEffect, useMemo, useState } from 'react'
import { useList, useMany, type BaseKey, type BaseRecord } from '@refinedev/core'
import { InputNumber, Select, Spin, type SelectProps } from 'antd'
import type { FieldMeta } from '../../meta/types'
import { useResourceMeta } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { idOf, recordTitle } from './recordTitle'

type Props = Omit<SelectProps, 'options'> & { field: FieldMeta }

const SEARCH_DELAY_MS = 300
const OPTIONS_PAGE = 20

const keysOf = (value: unknown): BaseKey[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is BaseKey => v !== undefined && v !== null && v !== '')

/**
 * Select over the related resource that costs nothing until it is used: options are fetched only
 * when the dropdown opens, then searched as the user types (the target's `q`, first 20); the labels
 * of the current value come from one getMany. A screen with ten relation filters therefore sends no
 * request for them at mount. When the caller may not list the related resource, the id is typed.
 */
export function RelationSelect({ field, value, onChange, mode, ...rest }: Props) {
  const target = useResourceMeta(field.relation?.resource)
  const canList = canDo(target, 'list')
  const resource = field.relation?.resource ?? ''
  const labelField = field.relation?.labelField ?? target?.titleField
  const [opened, setOpened] = useState(false)
  const [typed, setTyped] = useState('')
  const [search, setSearch] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [typed])

  const selected = keysOf(value)
  const current = useMany({ resource, ids: selected, queryOptions: { enabled: canList && selected.length > 0 }, errorNotification: false })
  const found = useList({
    resource,
    filters: search ? [{ field: 'q', operator: 'eq', value: search }] : [],
    pagination: { currentPage: 1, pageSize: OPTIONS_PAGE },
    queryOptions: { enabled: canList && opened },
    errorNotification: false,
  })

  const options = useMemo(() => {
    const byId = new Map<string, { value: BaseKey; label: string }>()
    const add = (r: BaseRecord) => {
      const id = idOf(target, r)
      if (id !== undefined) byId.set(String(id), { value: id, label: recordTitle(r, target, labelField) })
    }
    ;(current.result.data ?? []).forEach(add)
    ;(found.result.data ?? []).forEach(add)
    // a current value not (yet) looked up still shows as its id rather than a blank tag
    for (const id of selected) if (!byId.has(String(id))) byId.set(String(id), { value: id, label: `#${id}` })
    return [...byId.values()]
  }, [current.result.data, found.result.data, selected, target, labelField])

  if (!canList) {
    return <InputNumber value={value} onChange={onChange} style={{ width: '100%' }} aria-label={rest['aria-label']} placeholder={rest.placeholder as string} />
  }
  return (
    <Select
      {...rest}
      mode={mode}
      value={value}
      onChange={onChange}
      options={options}
      allowClear
      showSearch
      filterOption={false}
      onSearch={setTyped}
      onOpenChange={(open) => open && setOpened(true)}
      notFoundContent={found.query.isFetching ? <Spin size="small" /> : undefined}
      loading={found.query.isFetching}
    />
  )
}
