import { useBreadcrumb } from '@refinedev/core'
import { Breadcrumb } from 'antd'
import { HomeOutlined } from '@ant-design/icons'
import { Link } from 'react-router'

/**
 * Home › group › resource › action. Refine's stock breadcrumb keys items by label and repeats a group
 * whose label equals its resource's ("Customers › Customers"); consecutive duplicates are merged here.
 */
export function AppBreadcrumb() {
  const { breadcrumbs } = useBreadcrumb()
  const merged = breadcrumbs.filter((b, i) => String(breadcrumbs[i + 1]?.label) !== String(b.label))
  return (
    <Breadcrumb
      items={[
        { key: 'home', title: <Link to="/" aria-label="home"><HomeOutlined /></Link> },
        ...merged.map((b, i) => ({ key: `${i}`, title: b.href ? <Link to={b.href}>{b.label}</Link> : <span>{b.label}</span> })),
      ]}
    />
  )
}
