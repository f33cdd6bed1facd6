import type { AuthProvider } from '@refinedev/core'
import type { AxiosInstance } from 'axios'
import { API_URL, type ApiError } from './http'
import type { MetaStore } from '../meta/metaStore'
import type { StaffUser } from '../meta/types'

/** Only same-app paths are followed after sign-in (no "//evil.example" open redirects). */
export function safeRedirectTarget(search: string): string {
  const to = new URLSearchParams(search).get('to')
  if (!to || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/login')) return '/'
  return to
}

export interface LoginError extends Error {
  statusCode?: number
  retryAfter?: number
}

function loginError(error: ApiError): LoginError {
  return Object.assign(new Error(error.message), {
    name: 'LoginError',
    statusCode: error.statusCode,
    retryAfter: error.retryAfter,
  })
}

/** How long a meta answer stands in for GET /auth/me in the session check. */
const SESSION_PROOF_MS = 5_000

/**
 * Session-cookie auth against /api/admin/auth/*. After sign-in the meta document is loaded before
 * navigating, so the first screen already knows its resources and permissions.
 */
export function createAuthProvider(http: AxiosInstance, metaStore: MetaStore, onSessionChange?: () => void): AuthProvider {
  let identity: StaffUser | null = null

  return {
    async login({ email, password }: { email: string; password: string }) {
      try {
        const { data } = await http.post<{ user: StaffUser }>(`${API_URL}/auth/login`, { email, password })
        identity = data.user
        onSessionChange?.()
        await metaStore.load()
        return { success: true, redirectTo: safeRedirectTarget(window.location.search) }
      } catch (error) {
        return { success: false, error: loginError(error as ApiError) }
      }
    },

    async logout() {
      try {
        await http.post(`${API_URL}/auth/logout`)
      } catch {
        /* the session may already be gone; signing out locally is what matters */
      }
      identity = null
      metaStore.clear()
      onSessionChange?.()
      return { success: true, redirectTo: '/login' }
    },

    async check() {
      // The meta load the page started (or sign-in just made) answers for the session: no second
      // round trip before the first screen. Older than that, the session is asked again.
      const fresh = metaStore.recent(SESSION_PROOF_MS)
      const meta = fresh && (await fresh)
      if (meta) {
        identity = meta.user
        return { authenticated: true }
      }
      try {
        const { data } = await http.get<{ user: StaffUser }>(`${API_URL}/auth/me`)
        identity = data.user
        if (!metaStore.getState().meta) void metaStore.load()
        return { authenticated: true }
      } catch (error) {
        const status = (error as ApiError).statusCode
        if (status === 401) metaStore.clear()
        return { authenticated: false, redirectTo: '/login', logout: status === 401, error: error as ApiError }
      }
    },

    async onError(error: ApiError) {
      if (error?.statusCode === 401) return { logout: true, redirectTo: '/login', error }
      return {}
    },

    async getIdentity() {
      return metaStore.getState().meta?.user ?? identity
    },

    async getPermissions() {
      return metaStore.getState().meta?.user.role.name ?? identity?.role.name ?? null
    },
  }
}
