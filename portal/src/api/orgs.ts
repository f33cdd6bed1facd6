/**
 * Organizations in the portal (issue 12 §1): the person's memberships and the account a request acts
 * in (from GET /auth/me), the members page of an organization's admin, and invitation links.
 * Money = decimal strings of the ledger asset.
 */
import { ROLE_CAPABILITIES, type MemberRole, type PortalCapability } from '@creditdesk/contract/orgs'
import { http } from './client'
import type { DecimalString, PortalUser } from './types'

export type { MemberRole, PortalCapability }
export type ActingRole = MemberRole | 'owner'

/** One organization the person belongs to (GET /auth/me `orgs`, GET /orgs). */
export interface OrgMembership {
  id: number
  name: string
  type: string | null
  role: MemberRole
  verification_status: string | null
}

/** The account the requests of this tab act in, as the server resolved it from the header. */
export interface ActingAccount {
  customerId: number
  orgId: number | null
  role: ActingRole
  capabilities: PortalCapability[]
}

export interface PortalSessionInfo {
  user: PortalUser
  orgs: OrgMembership[]
  acting: ActingAccount
}

const listOf = <T>(data: unknown): T[] => (Array.isArray(data) ? data : ((data as { data?: T[] } | null)?.data ?? []))

/** The person's own account: every capability (what a server without organizations means too). */
export function ownAccount(user: PortalUser): ActingAccount {
  return { customerId: Number(user.id), orgId: null, role: 'owner', capabilities: [...ROLE_CAPABILITIES.owner] }
}

function readActing(raw: unknown, user: PortalUser): ActingAccount {
  const a = raw as Partial<ActingAccount> | null | undefined
  if (!a || typeof a !== 'object' || typeof a.role !== 'string') return ownAccount(user)
  const role = a.role as ActingRole
  const capabilities = Array.isArray(a.capabilities) ? a.capabilities : [...(ROLE_CAPABILITIES[role] ?? [])]
  const orgId = a.orgId === null || a.orgId === undefined ? null : Number(a.orgId)
  return { customerId: Number(a.customerId ?? orgId ?? user.id), orgId, role, capabilities }
}

/** GET /auth/me → the user, their organizations and the account acted in; null when not signed in (401). */
export async function fetchSessionInfo(): Promise<PortalSessionInfo | null> {
  try {
    const { data } = await http.get<{ user: PortalUser; orgs?: unknown; acting?: unknown }>('/auth/me')
    if (!data?.user) return null
    return { user: data.user, orgs: listOf<OrgMembership>(data.orgs), acting: readActing(data.acting, data.user) }
  } catch (err) {
    if ((err as { status?: number }).status === 401) return null
    throw err
  }
}

/** A member of the acting organization (GET /org/members). */
export interface OrgMember {
  id: number
  customer_id: number | null
  email: string
  nickname: string | null
  role: MemberRole
  /** ledger units as a decimal string; null = no cap */
  monthly_spend_cap: DecimalString | null
  /** what the keys assigned to the member spent this calendar month (UTC) */
  month_spend: DecimalString
  joined_at: string | null
  /** the organization's own sign-in: it stays a member */
  account_owner?: boolean
}

/** A pending invitation of the acting organization. */
export interface OrgInvitation {
  id: number
  email: string
  role: MemberRole
  status: string
  expires_at: string | null
  created_at: string | null
}

export interface OrgMembersPage {
  members: OrgMember[]
  invitations: OrgInvitation[]
}

/** GET /org/members: the organization's active members. */
export async function listMembers(): Promise<OrgMember[]> {
  const { data } = await http.get('/org/members')
  return listOf<OrgMember>(data)
}

/** GET /org/members and GET /org/invitations: the members with their cap and this month's spend, and the invitations still pending. */
export async function fetchMembers(): Promise<OrgMembersPage> {
  const [members, invitations] = await Promise.all([http.get('/org/members'), http.get('/org/invitations')])
  return {
    members: listOf<OrgMember>(members.data),
    invitations: listOf<OrgInvitation>(invitations.data).filter((i) => i.status === 'pending'),
  }
}

export async function inviteMember(input: { email: string; role: MemberRole }): Promise<void> {
  await http.post('/org/invitations', input)
}

export async function revokeInvitation(id: number): Promise<void> {
  await http.delete(`/org/invitations/${id}`)
}

export async function updateMember(id: number, input: { role?: MemberRole; monthly_spend_cap?: DecimalString | null }): Promise<void> {
  await http.patch(`/org/members/${id}`, input)
}

export async function removeMember(id: number): Promise<void> {
  await http.delete(`/org/members/${id}`)
}

/** One member's use of the organization's keys between two dates (GET /org/usage/members). */
export interface MemberUsage {
  member_id: number
  email: string | null
  nickname: string | null
  role?: MemberRole
  /** false for a member removed since */
  active?: boolean
  requests: number
  tokens: number
  charged: DecimalString
}

export interface MemberUsageReport {
  currency: string | null
  members: MemberUsage[]
  /** keys assigned to nobody */
  unassigned: { requests: number; tokens: number; charged: DecimalString } | null
}

/** GET /org/usage/members?from&to&tz → `{ currency, members, unassigned }` between two days of `tz`. */
export async function fetchMemberUsage(q: { from: string; to: string; tz?: string }): Promise<MemberUsageReport> {
  const params = new URLSearchParams({ from: q.from, to: q.to })
  if (q.tz) params.set('tz', q.tz)
  const { data } = await http.get('/org/usage/members', { params })
  const body = (data ?? {}) as { currency?: string; members?: unknown; unassigned?: MemberUsageReport['unassigned'] }
  const members = listOf<MemberUsage>(Array.isArray(data) ? data : body.members).map((r) => ({ ...r, requests: Number(r.requests ?? 0), tokens: Number(r.tokens ?? 0) }))
  const unassigned = body.unassigned && (Number(body.unassigned.requests) > 0 || Number(body.unassigned.tokens) > 0) ? body.unassigned : null
  return { currency: body.currency ?? null, members, unassigned }
}

/** What an invitation link shows before it is accepted (GET /invitations/:token, public). */
export interface InvitationPreview {
  org_name: string
  role: MemberRole
  email: string
  expires_at: string | null
  expired: boolean
  /** pending, accepted, revoked or expired */
  status: string
}

export async function fetchInvitation(token: string): Promise<InvitationPreview> {
  const { data } = await http.get<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`)
  return { ...data, expired: !!data.expired || data.status === 'expired', status: data.status ?? (data.expired ? 'expired' : 'pending') }
}

/** POST /invitations/:token/accept → the organization joined (its id, when the server names it). */
export async function acceptInvitation(token: string): Promise<{ orgId: number | null }> {
  const { data } = await http.post<{ org_id?: number; org?: { id?: number }; membership?: { org_id?: number } }>(
    `/invitations/${encodeURIComponent(token)}/accept`,
  )
  const id = data?.org_id ?? data?.org?.id ?? data?.membership?.org_id
  return { orgId: id === undefined || id === null ? null : Number(id) }
}
