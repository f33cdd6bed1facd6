import { useCallback, useEffect, useRef, useState } from 'react'
import * as api from '../api/portal'
import type { Wallet } from '../api/types'

/** GET /wallet on mount, with `reload()` (e.g. after a redemption). Older answers never overwrite newer ones. */
export function useWallet() {
  const [wallet, setWallet] = useState<Wallet | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)
  const latest = useRef(0)

  const reload = useCallback(async () => {
    const id = ++latest.current
    setLoading(true)
    setError(null)
    try {
      const next = await api.fetchWallet()
      if (id === latest.current) setWallet(next)
    } catch (err) {
      if (id === latest.current) setError(err)
    } finally {
      if (id === latest.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])

  return { wallet, loading, error, reload }
}
