import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { clearActingOrg, actingOrgId, setActingOrgId } from '../api/acting'
import { setUnauthorizedListener, toApiError } from '../api/client'
import { fetchSessionInfo, ownAccount, type ActingAccount, type OrgMembership, type PortalSessionInfo } from '../api/orgs'
import * as api from '../api/portal'
import type { PortalUser } from '../api/types'

type Status = 'loading' | 'ready' | 'error'
type EndReason = 'logout' | 'expired' | null

/** The person's organizations and the account this tab acts in (api/acting.ts). */
export interface Access {
  orgs: OrgMembership[]
  acting: ActingAccount
}

interface AuthContextValue {
  status: Status
  user: PortalUser | null
  /** null while signed out, or for a moment after sign-in until GET /auth/me has answered */
  access: Access | null
  error: unknown
  /**
   * Why there is no user any more: 'logout' (the user signed out: go to /login, no `to`) or 'expired'
   * (a 401 on a signed-in request: the login page explains, and `to` brings the user back).
   */
  endReason: EndReason
  /** Changes whenever the acting account changes: pages keyed on it load their data again. */
  scopeKey: number
  setUser: (user: PortalUser | null) => void
  refresh: () => Promise<void>
  logout: () => Promise<void>
  /** Acts in an organization (its id) or in the person's own account (null) from now on. */
  switchOrg: (orgId: number | null) => Promise<Access | null>
}

const AuthContext = createContext<AuthContextValue | null>(null)

/**
 * GET /auth/me with the remembered organization; when the server no longer knows that membership
 * (removed, frozen: 404/403) the tab falls back to the person's own account.
 */
async function loadSession(): Promise<PortalSessionInfo | null> {
  try {
    return await fetchSessionInfo()
  } catch (err) {
    const status = toApiError(err).status
    if (!actingOrgId() || (status !== 403 && status !== 404)) throw err
    clearActingOrg()
    return fetchSessionInfo()
  }
}

function accessOf(info: PortalSessionInfo): Access {
  // A server that ignores the header answers for the own account: the tab follows what it was told.
  if (actingOrgId() && info.acting.orgId === null) clearActingOrg()
  return { orgs: info.orgs, acting: info.acting }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading')
  const [user, setUserState] = useState<PortalUser | null>(null)
  const [access, setAccess] = useState<Access | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [endReason, setEndReason] = useState<EndReason>(null)
  const [scopeKey, setScopeKey] = useState(0)
  const userRef = useRef<PortalUser | null>(null)
  // Each GET /auth/me takes a number; only the newest one's answer is applied, so a slow answer
  // for the previous account (the one sign-in asked for) cannot undo a switch made since.
  const loads = useRef(0)
  const latest = () => {
    const n = ++loads.current
    return () => n === loads.current
  }

  const apply = useCallback((info: PortalSessionInfo | null) => {
    userRef.current = info?.user ?? null
    setUserState(info?.user ?? null)
    setAccess(info ? accessOf(info) : null)
    if (info) setEndReason(null)
  }, [])

  const setUser = useCallback((next: PortalUser | null) => {
    userRef.current = next
    setUserState(next)
    setAccess(null)
    const current = latest()
    if (!next) return
    setEndReason(null)
    // A sign-in answers with the user only: the organizations and the acting account come from /auth/me.
    loadSession().then(
      (info) => {
        if (userRef.current !== next || !current()) return
        setAccess(info && String(info.user.id) === String(next.id) ? accessOf(info) : { orgs: [], acting: ownAccount(next) })
      },
      () => {
        if (userRef.current !== next || !current()) return
        clearActingOrg()
        setAccess({ orgs: [], acting: ownAccount(next) })
      },
    )
  }, [])

  const refresh = useCallback(async () => {
    setStatus('loading')
    setError(null)
    const current = latest()
    try {
      // GET /me also hands out the XSRF-TOKEN cookie needed by the first mutation.
      const info = await loadSession()
      if (current()) apply(info)
      setStatus('ready')
    } catch (err) {
      if (!current()) return setStatus('ready')
      setError(err)
      setStatus('error')
    }
  }, [apply])

  const switchOrg = useCallback(
    async (orgId: number | null) => {
      const previous = actingOrgId()
      setActingOrgId(orgId)
      const current = latest()
      try {
        const info = await loadSession()
        if (!current()) return null
        apply(info)
        setScopeKey((k) => k + 1)
        return info ? accessOf(info) : null
      } catch (err) {
        if (!current()) return null
        setActingOrgId(previous)
        throw err
      }
    },
    [apply],
  )

  const logout = useCallback(async () => {
    try {
      await api.logout()
    } finally {
      clearActingOrg()
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
    () => ({ status, user, access, error, endReason, scopeKey, setUser, refresh, logout, switchOrg }),
    [status, user, access, error, endReason, scopeKey, setUser, refresh, logout, switchOrg],
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
