import { Button, Input, Select, Space } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { FieldMeta } from '../../meta/types'
import type { FormFieldMeta, MoneyMap } from './moneyMap'

interface Props {
  field: FieldMeta
  /** The field's label, for the inputs' accessible names ("Prices USD"). */
  name: string
  /** The currency a new map starts with (the console's), when the field offers it. */
  preferred?: string
  value?: MoneyMap
  onChange?: (value: MoneyMap) => void
}

/**
 * One amount input per currency, like a price list: the currencies that have a price, a button to
 * price in one more, and a remove button on each row but the last. Amounts are typed in major units
 * ("9.90"); nothing here converts to cents.
 */
export function MoneyMapInput({ field, name, preferred, value, onChange }: Props) {
  const { t } = useTranslation()
  const offered = (field as FormFieldMeta).currencies ?? []
  const first = preferred && offered.includes(preferred) ? preferred : offered[0]
  const current = value ?? {}
  const shown = Object.keys(current).length ? offered.filter((c) => c in current).concat(Object.keys(current).filter((c) => !offered.includes(c))) : [first]
  const rest = offered.filter((c) => !shown.includes(c))
  const set = (next: MoneyMap) => onChange?.(next)
  const valueOf = (currency: string) => current[currency] ?? ''

  return (
    <Space direction="vertical" size={8} className="cd-money-map" style={{ width: '100%', maxWidth: 360 }}>
      {shown.map((currency) => (
        <Space.Compact key={currency} style={{ width: '100%' }}>
          <Input
            aria-label={`${name} ${currency}`}
            inputMode="decimal"
            prefix={<span className="cd-unit">{currency}</span>}
            placeholder="0.00"
            value={valueOf(currency)}
            onChange={(e) => set({ ...Object.fromEntries(shown.map((c) => [c, valueOf(c)])), [currency]: e.target.value })}
          />
          {shown.length > 1 && (
            <Button
              aria-label={t('form.removeCurrency', { currency })}
              icon={<DeleteOutlined />}
              onClick={() => set(Object.fromEntries(shown.filter((c) => c !== currency).map((c) => [c, valueOf(c)])))}
            />
          )}
        </Space.Compact>
      ))}
      {rest.length > 0 && (
        <Select<string>
          aria-label={t('form.addCurrency')}
          placeholder={<span><PlusOutlined /> {t('form.addCurrency')}</span>}
          value={null as unknown as string}
          options={rest.map((c) => ({ value: c, label: c }))}
          onChange={(currency) => set({ ...Object.fromEntries(shown.map((c) => [c, valueOf(c)])), [currency]: '' })}
          style={{ width: 200 }}
        />
      )}
    </Space>
  )
}
