import type { ResourceProps } from '@refinedev/core'
import type { ReactNode } from 'react'
import type { AdminMeta, LocalizedText } from './types'
import { DASHBOARD_RESOURCE, GROUP_PREFIX, REPORTS_RESOURCE, ROLES_PAGE_RESOURCE, USAGE_GROUPED_RESOURCE, canAccess, canEditPolicies } from './permissions'
import { iconFor } from '../layout/icons'
import { BarChartOutlined, DashboardOutlined, FundOutlined, SafetyCertificateOutlined } from '@ant-design/icons'
import { REPORTS_PATH } from '../pages/reports/reportQuery'

/** Every generic screen lives under /r/<resource>; one URL scheme for all resources. */
export const routesOf = (name: string) => ({
  list: `/r/${name}`,
  show: `/r/${name}/show/:id`,
  edit: `/r/${name}/edit/:id`,
  create: `/r/${name}/create`,
})

export const ROLES_PAGE_PATH = '/roles-policies'
export const USAGE_GROUPED_PATH = '/usage/grouped'
export { REPORTS_PATH }

type Label = (text: LocalizedText | undefined, fallback: string) => string

/**
 * Meta → Refine `resources`: one source of truth for routes, menu, breadcrumbs and access control.
 * Menu groups become parent pseudo-resources ("group:<key>") in the order of `meta.groups`.
 */
export function toRefineResources(meta: AdminMeta | null, label: Label, t: (key: string) => string): ResourceProps[] {
  if (!meta) return []
  const groupKeys = [
    ...Object.keys(meta.groups ?? {}),
    ...meta.resources.map((r) => r.group).filter((g): g is string => !!g),
  ].filter((g, i, all) => all.indexOf(g) === i && meta.resources.some((r) => r.group === g && r.name !== REPORTS_RESOURCE))

  const result: ResourceProps[] = [
    { name: DASHBOARD_RESOURCE, list: '/', meta: { label: t('menu.dashboard'), icon: <DashboardOutlined /> } },
  ]
  // the reports section sits under the dashboard, for whoever holds `reports: view`
  if (canAccess(meta, REPORTS_RESOURCE, 'list')) {
    result.push({ name: REPORTS_RESOURCE, list: REPORTS_PATH, meta: { label: t('menu.reports'), icon: <FundOutlined /> } })
  }
  for (const key of groupKeys) {
    result.push({ name: GROUP_PREFIX + key, meta: { label: label(meta.groups?.[key], key), icon: groupIcon(meta, key) } })
  }
  for (const resource of meta.resources) {
    if (resource.name === REPORTS_RESOURCE) continue
    const ops = resource.operations ?? {}
    const routes = routesOf(resource.name)
    result.push({
      name: resource.name,
      list: ops.list === false ? undefined : routes.list,
      show: ops.show === false ? undefined : routes.show,
      edit: ops.edit ? routes.edit : undefined,
      create: ops.create ? routes.create : undefined,
      meta: {
        label: label(resource.label, resource.name),
        icon: iconFor(resource.icon),
        parent: resource.group ? GROUP_PREFIX + resource.group : undefined,
        canDelete: !!ops.delete,
        hide: ops.list === false,
      },
    })
  }
  const detail = meta.resources.find((r) => r.name === 'usage-records')
  if (detail && canAccess(meta, USAGE_GROUPED_RESOURCE, 'list')) {
    result.push({
      name: USAGE_GROUPED_RESOURCE,
      list: USAGE_GROUPED_PATH,
      meta: { label: t('menu.usageGrouped'), icon: <BarChartOutlined />, parent: detail.group ? GROUP_PREFIX + detail.group : undefined },
    })
  }
  const roles = meta.resources.find((r) => r.name === 'roles')
  if (roles && canEditPolicies(meta)) {
    result.push({
      name: ROLES_PAGE_RESOURCE,
      list: ROLES_PAGE_PATH,
      meta: {
        label: t('menu.rolesPolicies'),
        icon: <SafetyCertificateOutlined />,
        parent: roles.group ? GROUP_PREFIX + roles.group : undefined,
      },
    })
  }
  return result
}

function groupIcon(meta: AdminMeta, key: string): ReactNode {
  return iconFor(meta.resources.find((r) => r.group === key)?.icon)
}
