import { useCallback, useState } from 'react'

const key = (resource: string) => `creditdesk.columns.${resource}`

function read(resource: string): string[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(key(resource)) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((x) => typeof x === 'string') : []
  } catch {
    return []
  }
}

/** Columns the viewer hid on a resource list, remembered per browser in localStorage. */
export function useColumnPrefs(resource: string) {
  const [hidden, setHidden] = useState<string[]>(() => read(resource))
  const save = useCallback(
    (next: string[]) => {
      setHidden(next)
      try {
        localStorage.setItem(key(resource), JSON.stringify(next))
      } catch {
        /* storage disabled: keep the choice for this session only */
      }
    },
    [resource],
  )
  const toggle = useCallback((column: string, visible: boolean) => {
    save(visible ? hidden.filter((c) => c !== column) : [...new Set([...hidden, column])])
  }, [hidden, save])
  return { hidden, toggle, reset: () => save([]) }
}
