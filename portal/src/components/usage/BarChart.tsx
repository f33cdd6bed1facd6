/**
 * Small bar charts drawn as SVG (no chart library: the portal needs two plain bar charts, and a
 * chart library would add over a megabyte). Heights are relative, so a decimal amount read as
 * a float is precise enough here; the exact figures are in each bar's title and in the tables.
 */
export interface Bar {
  key: string
  /** axis text under a column, or before a row */
  label: string
  value: number
  /** exact figure for people: tooltip and accessible name */
  title: string
}

const WIDTH = 720

/** Vertical bars, one per column (days of a month). Every `labelEvery`-th column is labelled. */
export function ColumnChart({ bars, label, height = 180, labelEvery = 1, testId }: { bars: Bar[]; label: string; height?: number; labelEvery?: number; testId?: string }) {
  const max = Math.max(0, ...bars.map((b) => b.value))
  const plot = height - 20
  const step = WIDTH / Math.max(1, bars.length)
  const barWidth = Math.max(2, step * 0.7)
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={label} className="cd-chart" data-testid={testId} preserveAspectRatio="none" style={{ width: '100%', height }}>
      <line x1={0} x2={WIDTH} y1={plot} y2={plot} stroke="currentColor" strokeOpacity={0.2} />
      {bars.map((bar, i) => {
        const h = max > 0 ? Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * (plot - 8)) : 0
        const x = i * step + (step - barWidth) / 2
        return (
          <g key={bar.key}>
            <rect x={x} y={plot - h} width={barWidth} height={h} rx={2} className="cd-chart-bar" data-value={bar.value} fill="#1677ff">
              <title>{bar.title}</title>
            </rect>
            {i % labelEvery === 0 && (
              <text x={i * step + step / 2} y={height - 4} textAnchor="middle" fontSize={11} fill="currentColor" fillOpacity={0.6}>
                {bar.label}
              </text>
            )}
          </g>
        )
      })}
    </svg>
  )
}

/** Horizontal bars, one per row (models), the label before each bar. */
export function RowChart({ bars, label, testId }: { bars: Bar[]; label: string; testId?: string }) {
  const max = Math.max(0, ...bars.map((b) => b.value))
  const rowHeight = 28
  const labelWidth = 200
  const height = Math.max(rowHeight, bars.length * rowHeight)
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={label} className="cd-chart" data-testid={testId} style={{ width: '100%', height }}>
      {bars.map((bar, i) => {
        const w = max > 0 ? Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * (WIDTH - labelWidth - 8)) : 0
        return (
          <g key={bar.key}>
            <text x={labelWidth - 8} y={i * rowHeight + rowHeight / 2 + 4} textAnchor="end" fontSize={12} fill="currentColor">
              {bar.label.length > 28 ? bar.label.slice(0, 27) + '…' : bar.label}
            </text>
            <rect x={labelWidth} y={i * rowHeight + 5} width={w} height={rowHeight - 10} rx={2} className="cd-chart-bar" data-value={bar.value} fill="#13c2c2">
              <title>{bar.title}</title>
            </rect>
          </g>
        )
      })}
    </svg>
  )
}
