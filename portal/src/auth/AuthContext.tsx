import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { setUnauthorizedListener } from '../api/client'
import * as api from '../api/portal'
import type { PortalUser } from '../api/types'

type Status = 'loading' | 'ready' | 'error'
type EndReason = 'logout' | 'expired' | null

interface AuthContextValue {
  status: Status
  user: PortalUser | null
  error: unknown
  /**
   * Why there is no user any more: 'logout' (the user signed out: go to /login, no `to`) or 'expired'
   * (a 401 on a signed-in request: the login page explains, and `to` brings the user back).
   */
  endReason: EndReason
  setUser: (user: PortalUser | null) => void
  refresh: () => Promise<void>
  logout: () => Promise<void>
}

const AuthContext = createContext<AuthContextValue | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading')
  const [user, setUserState] = useState<PortalUser | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [endReason, setEndReason] = useState<EndReason>(null)
  const userRef = useRef<PortalUser | null>(null)

  const setUser = useCallback((next: PortalUser | null) => {
    userRef.current = next
    setUserState(next)
    if (next) setEndReason(null)
  }, [])

  const refresh = useCallback(async () => {
    setStatus('loading')
    setError(null)
    try {
      // GET /me also hands out the XSRF-TOKEN cookie needed by the first mutation.
      setUser(await api.fetchMe())
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [setUser])

  const logout = useCallback(async () => {
    try {
      await api.logout()
    } finally {
      setEndReason('logout')
      setUser(null)
    }
  }, [setUser])

  useEffect(() => {
    void refresh()
  }, [refresh])

  useEffect(() => {
    setUnauthorizedListener(() => {
      if (userRef.current) setEndReason('expired')
      setUser(null)
    })
    return () => setUnauthorizedListener(null)
  }, [setUser])

  const value = useMemo(
    () => ({ status, user, error, endReason, setUser, refresh, logout }),
    [status, user, error, endReason, setUser, refresh, logout],
  )
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext)
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>')
  return ctx
}

/** For pages behind <RequireAuth>: the signed-in user, never null there. */
export function useCurrentUser(): PortalUser {
  const { user } = useAuth()
  if (!user) throw new Error('useCurrentUser used outside a guarded route')
  return user
}
