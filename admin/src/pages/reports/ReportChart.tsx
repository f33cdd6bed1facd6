import { Column, Line } from '@ant-design/plots'
import type { ReportChart as ChartSpec } from '@creditdesk/contract/reports'

export interface ChartPoint {
  x: string
  series: string
  value: number
}

/**
 * A report's chart as its `chart` says: a line over time or bars per item, one colour per series.
 * Loaded through React.lazy: @ant-design/plots is ~1.4 MB.
 */
export default function ReportChart({ spec, points, format }: { spec: ChartSpec; points: ChartPoint[]; format: (series: string, value: number) => string }) {
  const common = {
    data: points,
    xField: 'x',
    yField: 'value',
    colorField: 'series',
    height: 320,
    autoFit: true,
    axis: { x: { labelAutoHide: true, title: false }, y: { title: false } },
    legend: { color: { position: 'top' as const } },
    tooltip: { items: [(d: ChartPoint) => ({ name: d.series, value: format(d.series, d.value) })] },
  }
  return spec.type === 'bar' ? (
    <Column {...common} group />
  ) : (
    <Line {...common} point={{ shapeField: 'circle', sizeField: 2 }} style={{ lineWidth: 2 }} />
  )
}
