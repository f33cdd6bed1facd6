import { http } from './client'
import type { PortalSession, PortalUser } from './types'

/** GET /auth/me — also obtains the XSRF-TOKEN cookie. Resolves null when not signed in (401). */
export async function fetchMe(): Promise<PortalUser | null> {
  try {
    const { data } = await http.get<{ user: PortalUser }>('/auth/me')
    return data.user
  } catch (err) {
    if ((err as { status?: number }).status === 401) return null
    throw err
  }
}

export async function login(input: { email: string; password: string }): Promise<PortalUser> {
  const { data } = await http.post<{ user: PortalUser }>('/auth/login', input)
  return data.user
}

export async function register(input: { email: string; password: string; nickname?: string }): Promise<PortalUser> {
  const { data } = await http.post<{ user: PortalUser }>('/auth/register', input)
  return data.user
}

export async function logout(): Promise<void> {
  await http.post('/auth/logout')
}

export async function updateProfile(input: { nickname?: string | null; phone?: string | null }): Promise<PortalUser> {
  const { data } = await http.patch<{ user: PortalUser }>('/profile', input)
  return data.user
}

export async function changePassword(input: { current_password: string; password: string }): Promise<void> {
  await http.put('/password', input)
}

export async function listSessions(): Promise<PortalSession[]> {
  const { data } = await http.get<PortalSession[] | { data: PortalSession[] }>('/sessions')
  return Array.isArray(data) ? data : (data?.data ?? [])
}

export async function revokeOtherSessions(): Promise<number> {
  const { data } = await http.post<{ revoked: number }>('/sessions/revoke-others')
  return Number(data?.revoked ?? 0)
}
