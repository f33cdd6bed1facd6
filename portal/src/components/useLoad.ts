import { useCallback, useEffect, useRef, useState } from 'react'

/** Loads one thing on mount and on `reload()`; an older answer never overwrites a newer one. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[] = []) {
  const [data, setData] = useState<T | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)
  const latest = useRef(0)

  const reload = useCallback(async () => {
    const id = ++latest.current
    setLoading(true)
    setError(null)
    try {
      const next = await load()
      if (id === latest.current) setData(next)
    } catch (err) {
      if (id === latest.current) setError(err)
    } finally {
      if (id === latest.current) setLoading(false)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `deps` say when to load again
  }, deps)

  useEffect(() => {
    void reload()
  }, [reload])

  return { data, loading, error, reload }
}
