import { Line } from '@ant-design/plots'

export interface TrendPoint {
  date: string
  count: number
}

/** 30-day sign-up trend. Loaded through React.lazy: @ant-design/plots is ~1.4 MB. */
export default function TrendChart({ data, seriesName }: { data: TrendPoint[]; seriesName: string }) {
  return (
    <Line
      data={data.map((p) => ({ ...p, count: Number(p.count) }))}
      xField="date"
      yField="count"
      height={280}
      autoFit
      shapeField="smooth"
      point={{ shapeField: 'circle', sizeField: 2 }}
      axis={{ x: { labelAutoHide: true, labelFormatter: (d: string) => d.slice(5) }, y: { title: false } }}
      tooltip={{ channel: 'y', name: seriesName }}
      style={{ lineWidth: 2 }}
    />
  )
}
