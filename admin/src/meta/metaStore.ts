import type { AxiosInstance } from 'axios'
import { API_URL, type ApiError } from '../providers/http'
import type { AdminMeta } from './types'

export type MetaStatus = 'idle' | 'loading' | 'ready' | 'anonymous' | 'error'

export interface MetaState {
  status: MetaStatus
  meta: AdminMeta | null
  error?: string
}

export interface MetaStore {
  getState(): MetaState
  subscribe(listener: () => void): () => void
  /** Loads (or reloads) GET /api/admin/meta; resolves null when the session is missing. */
  load(): Promise<AdminMeta | null>
  /** Returns the loaded meta, loading it first if needed. */
  ensure(): Promise<AdminMeta | null>
  /**
   * The answer of a meta load under way or finished less than `maxAgeMs` ago (null otherwise): a
   * meta answer proves the session as well as GET /auth/me would, at that moment.
   */
  recent(maxAgeMs: number): Promise<AdminMeta | null> | null
  clear(): void
}

/**
 * Remembered while a staff session is believed open, so the next page load asks for meta at once,
 * alongside the session check, instead of after it (one round trip less before the first rows).
 */
const SIGNED_IN_HINT = 'creditdesk.signedIn'

function rememberSignedIn(on: boolean) {
  try {
    if (on) localStorage.setItem(SIGNED_IN_HINT, '1')
    else localStorage.removeItem(SIGNED_IN_HINT)
  } catch {
    /* storage disabled: meta simply loads after the session check */
  }
}

function seemsSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_HINT) === '1'
  } catch {
    return false
  }
}

/**
 * Holds the meta document outside React so the auth and access-control providers (plain objects)
 * and the components (through useSyncExternalStore) read the same copy.
 */
export function createMetaStore(http: AxiosInstance | null, initial?: AdminMeta): MetaStore {
  let state: MetaState = initial ? { status: 'ready', meta: initial } : { status: 'idle', meta: null }
  let pending: Promise<AdminMeta | null> | null = null
  let answeredAt = 0
  const listeners = new Set<() => void>()
  const set = (next: MetaState) => {
    state = next
    listeners.forEach((l) => l())
  }

  const load = () => {
    if (!http) return Promise.resolve(state.meta)
    if (pending) return pending
    set({ ...state, status: state.meta ? state.status : 'loading' })
    pending = http
      .get<AdminMeta>(`${API_URL}/meta`)
      .then(({ data }) => {
        rememberSignedIn(true)
        answeredAt = Date.now()
        set({ status: 'ready', meta: data })
        return data
      })
      .catch((error: ApiError) => {
        if (error.statusCode === 401) {
          rememberSignedIn(false)
          answeredAt = Date.now()
          set({ status: 'anonymous', meta: null })
          return null
        }
        set({ status: 'error', meta: state.meta, error: error.message })
        return state.meta
      })
      .finally(() => {
        pending = null
      })
    return pending
  }

  if (http && !initial && seemsSignedIn()) void load()

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    load,
    ensure: () => (state.meta ? Promise.resolve(state.meta) : pending ?? load()),
    recent(maxAgeMs) {
      if (pending) return pending
      if (!answeredAt || Date.now() - answeredAt > maxAgeMs || state.status === 'error') return null
      return Promise.resolve(state.meta)
    },
    clear: () => {
      answeredAt = 0
      rememberSignedIn(false)
      set({ status: 'anonymous', meta: null })
    },
  }
}
