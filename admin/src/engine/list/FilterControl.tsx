import { DatePicker, Input, InputNumber, Select, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { FilterSpec } from './filters'
import { useLabel } from '../../meta/MetaContext'
import { RelationSelect } from '../fields/RelationSelect'

interface Props {
  spec: FilterSpec
  value?: unknown
  onChange?: (value: unknown) => void
  /** Full width under its own label (the "More filters" drawer) instead of a compact inline box. */
  block?: boolean
}

/** The control one filter shows, chosen by its kind (see filterSpecFor). */
export function FilterControl({ spec, value, onChange, block }: Props) {
  const { t } = useTranslation()
  const label = useLabel()
  const { field, kind } = spec
  const name = label(field.label, field.name)
  const width = (inline: number) => (block ? { width: '100%' } : { minWidth: inline })
  // inline the box names its filter; in the drawer a label above does, and the box says "Any"
  const hint = block ? t('list.selectAll') : name
  const options = (field.options ?? []).map((o) => ({ value: o.value as string, label: label(o.label, String(o.value)) }))

  switch (kind) {
    case 'multi':
    case 'select':
      return (
        <Select
          aria-label={name}
          placeholder={hint}
          mode={kind === 'multi' ? 'multiple' : undefined}
          maxTagCount="responsive"
          allowClear
          options={options}
          value={value as string[]}
          onChange={onChange}
          style={width(180)}
        />
      )
    case 'boolean':
      return (
        <Select
          aria-label={name}
          placeholder={hint}
          allowClear
          options={[{ value: 'true', label: `${name}: ${t('common.yes')}` }, { value: 'false', label: `${name}: ${t('common.no')}` }]}
          value={value === undefined || value === null ? undefined : String(value)}
          onChange={onChange}
          style={width(160)}
        />
      )
    case 'relation':
    case 'relationMulti':
      return (
        <RelationSelect
          field={field}
          aria-label={name}
          placeholder={hint}
          mode={kind === 'relationMulti' ? 'multiple' : undefined}
          value={value}
          onChange={onChange}
          style={width(180)}
        />
      )
    case 'dateRange':
      return (
        <DatePicker.RangePicker
          aria-label={name}
          allowEmpty={[true, true]}
          placeholder={block ? [t('common.from'), t('common.to')] : [`${name} ${t('common.from')}`, t('common.to')]}
          value={value as never}
          onChange={(v) => onChange?.(v ?? undefined)}
          style={block ? { width: '100%' } : undefined}
        />
      )
    case 'range':
      return <RangeInput spec={spec} name={name} value={value as unknown[]} onChange={onChange} block={block} />
    default:
      if (field.type === 'number') {
        return <InputNumber aria-label={name} placeholder={block ? undefined : name} value={value as number} onChange={(v) => onChange?.(v ?? undefined)} style={{ width: block ? '100%' : 140 }} />
      }
      return <Input aria-label={name} placeholder={block ? undefined : name} allowClear value={value as string} onChange={(e) => onChange?.(e.target.value)} style={{ width: block ? '100%' : 180 }} />
  }
}

/** Min/max pair; money bounds stay decimal strings, numbers stay numbers. */
function RangeInput({ spec, name, value, onChange, block }: { spec: FilterSpec; name: string; value?: unknown[]; onChange?: (v: unknown) => void; block?: boolean }) {
  const { t } = useTranslation()
  const [min, max] = Array.isArray(value) ? value : [undefined, undefined]
  const set = (index: 0 | 1, v: unknown) => {
    const next = [min, max]
    next[index] = v === '' ? undefined : v
    onChange?.(next.every((x) => x === undefined || x === null) ? undefined : next)
  }
  const hasMin = spec.operators.includes('gte')
  const hasMax = spec.operators.includes('lte')
  const common = { style: { width: block ? '50%' : 110 } }
  const render = (index: 0 | 1, placeholder: string) =>
    spec.field.type === 'money' ? (
      <Input {...common} aria-label={`${name} ${placeholder}`} placeholder={placeholder} value={(index ? max : min) as string} onChange={(e) => set(index, e.target.value.trim())} />
    ) : (
      <InputNumber {...common} aria-label={`${name} ${placeholder}`} placeholder={placeholder} value={(index ? max : min) as number} onChange={(v) => set(index, v ?? undefined)} />
    )
  return (
    <Space.Compact block={block}>
      {!block && <Input disabled value={name} style={{ width: 'auto', maxWidth: 120, pointerEvents: 'none', color: 'inherit' }} tabIndex={-1} />}
      {hasMin && render(0, `≥ ${t('list.rangeMin')}`)}
      {hasMax && render(1, `≤ ${t('list.rangeMax')}`)}
    </Space.Compact>
  )
}
