import { Column } from '@ant-design/plots'

export interface TrendPoint {
  /** The bucket's label (an hour, a day or a month). */
  label: string
  value: number
  /** The value as shown (money with its currency, grouped counts). */
  text: string
}

/** A card's trend as columns. Loaded through React.lazy: @ant-design/plots is ~1.4 MB. */
export default function TrendChart({ data, seriesName }: { data: TrendPoint[]; seriesName: string }) {
  const text = new Map(data.map((p) => [p.label, p.text]))
  return (
    <Column
      data={data}
      xField="label"
      yField="value"
      height={300}
      autoFit
      style={{ fill: '#4f46e5', radiusTopLeft: 3, radiusTopRight: 3, maxWidth: 36 }}
      axis={{ x: { labelAutoHide: true, title: false }, y: { title: false, labelFormatter: (v: number) => Intl.NumberFormat(undefined, { notation: 'compact' }).format(v) } }}
      tooltip={{ items: [(d: TrendPoint) => ({ name: seriesName, value: text.get(d.label) ?? String(d.value) })] }}
    />
  )
}
