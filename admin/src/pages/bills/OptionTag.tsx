import { Tag } from 'antd'
import type { OptionMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'

/** An enum value as its tag (colour and label in the reader's language), the raw value when unknown. */
export function OptionTag({ options, value, testId }: { options: readonly OptionMeta[] | undefined; value: unknown; testId?: string }) {
  const label = useLabel()
  if (value === null || value === undefined || value === '') return null
  const option = options?.find((o) => String(o.value) === String(value))
  return (
    <Tag color={option?.color} data-value={String(value)} data-testid={testId}>
      {option ? label(option.label, String(value)) : String(value)}
    </Tag>
  )
}
