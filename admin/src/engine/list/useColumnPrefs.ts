import { useCallback } from 'react'
import { useSearchParams } from 'react-router'

/** URL parameter holding the visible columns of a list, in order: `columns=number,customer_id,status`. */
export const COLUMNS_PARAM = 'columns'

const storageKey = (resource: string) => `creditdesk.columns.${resource}`

/** Columns the viewer last hid on this list (this browser), remembered for the next visit. */
export function storedHiddenColumns(resource: string): string[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey(resource)) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((x) => typeof x === 'string') : []
  } catch {
    return []
  }
}

function storeHidden(resource: string, hidden: string[]) {
  try {
    localStorage.setItem(storageKey(resource), JSON.stringify(hidden))
  } catch {
    /* storage disabled: the URL still holds the choice */
  }
}

/** Visible columns named by the URL (unknown names dropped), or null when the URL names none. */
export function columnsFromUrl(param: string | null, all: string[]): string[] | null {
  if (param === null) return null
  const named = param.split(',').filter((c) => all.includes(c))
  return named.length ? all.filter((c) => named.includes(c)) : null
}

/** The visible columns for a visit whose URL names none: everything the viewer did not hide last time. */
export const defaultVisibleColumns = (resource: string, all: string[]) => {
  const hidden = storedHiddenColumns(resource)
  const visible = all.filter((c) => !hidden.includes(c))
  return visible.length ? visible : all
}

/**
 * Which columns a list shows. The URL holds them (so a link or a saved view carries them); the last
 * choice is also remembered per browser and written into the URL when a list opens without one
 * (see ResourceList).
 */
export function useColumnPrefs(resource: string, all: string[]) {
  const [params, setParams] = useSearchParams()
  const visible = columnsFromUrl(params.get(COLUMNS_PARAM), all) ?? defaultVisibleColumns(resource, all)
  const hidden = all.filter((c) => !visible.includes(c))

  const save = useCallback(
    (nextVisible: string[]) => {
      storeHidden(resource, all.filter((c) => !nextVisible.includes(c)))
      const next = new URLSearchParams(params)
      if (nextVisible.length === all.length) next.delete(COLUMNS_PARAM)
      else next.set(COLUMNS_PARAM, nextVisible.join(','))
      setParams(next, { replace: true })
    },
    [resource, all, params, setParams],
  )
  const toggle = useCallback(
    (column: string, show: boolean) => save(all.filter((c) => (c === column ? show : visible.includes(c)))),
    [all, visible, save],
  )
  return { visible, hidden, toggle, reset: () => save(all) }
}
