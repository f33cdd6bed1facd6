import { cloneElement, useState, type MouseEvent, type ReactElement } from 'react'
import { Tooltip, type TooltipProps } from 'antd'

type Child = ReactElement<{ onMouseEnter?: (event: MouseEvent<HTMLElement>) => void }>

/**
 * antd's Tooltip, mounted the first time the pointer reaches its child and then shown at once. A page of
 * rows carries hundreds of hover hints (a date in full, the id behind a label, the tags after "+2"), and
 * a mounted Tooltip per hint (a positioned trigger with its own resize observer) made a page of rows
 * measurably slower to draw. Tooltips show on hover only (antd's default), so nothing is lost for the
 * keyboard. The child is drawn anew when the tooltip mounts: for text, not for controls (a button
 * replaced under the pointer would lose the press that follows).
 */
export function HoverTooltip({ title, children }: { title: TooltipProps['title']; children: Child }) {
  const [hovered, setHovered] = useState(false)
  if (hovered) return <Tooltip title={title} defaultOpen>{children}</Tooltip>
  return cloneElement(children, {
    onMouseEnter: (event: MouseEvent<HTMLElement>) => {
      children.props.onMouseEnter?.(event)
      setHovered(true)
    },
  })
}
