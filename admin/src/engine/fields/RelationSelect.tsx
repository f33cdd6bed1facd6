import { useSelect } from '@refinedev/antd'
import { InputNumber, Select, type SelectProps } from 'antd'
import type { FieldMeta } from '../../meta/types'
import { useResourceMeta } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { recordTitle } from './recordTitle'

type Props = Omit<SelectProps, 'options'> & { field: FieldMeta }

/**
 * Select over the related resource (search goes to its `q` filter). When the caller may not list the
 * related resource, falls back to typing the id.
 */
export function RelationSelect({ field, value, onChange, mode, ...rest }: Props) {
  const target = useResourceMeta(field.relation?.resource)
  const canList = canDo(target, 'list')
  const labelField = field.relation?.labelField ?? target?.titleField
  const { selectProps } = useSelect({
    resource: field.relation?.resource ?? '',
    optionLabel: (item) => recordTitle(item, target, labelField),
    optionValue: (item) => item.id as string,
    defaultValue: value,
    pagination: { pageSize: 50 },
    onSearch: (text) => (text ? [{ field: 'q', operator: 'eq', value: text }] : []),
    queryOptions: { enabled: canList },
    defaultValueQueryOptions: { enabled: canList && value !== undefined && value !== null && value !== '' },
    errorNotification: false,
  })

  if (!canList) {
    return <InputNumber value={value} onChange={onChange} style={{ width: '100%' }} aria-label={rest['aria-label']} placeholder={rest.placeholder as string} />
  }
  return (
    <Select
      {...selectProps}
      {...rest}
      mode={mode}
      value={value}
      onChange={onChange}
      allowClear
      showSearch
    />
  )
}
