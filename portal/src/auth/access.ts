import { ROLE_CAPABILITIES, type PortalCapability } from '@creditdesk/contract/orgs'
import type { ActingAccount, OrgMembership } from '../api/orgs'
import { useAuth } from './AuthContext'

export interface AccessView {
  acting: ActingAccount
  orgs: OrgMembership[]
  /** The organization acted in (from the person's list), or null in one's own account. */
  currentOrg: OrgMembership | null
  /** The acting account is an organization's: members, contracts and bills make sense here. */
  inOrganization: boolean
  can: (capability: PortalCapability) => boolean
}

const OWNER: ActingAccount = { customerId: 0, orgId: null, role: 'owner', capabilities: [...ROLE_CAPABILITIES.owner] }

/** What the signed-in person may do in the account this tab acts in (AuthContext `access`). */
export function useAccess(): AccessView {
  const { access, user } = useAuth()
  const acting = access?.acting ?? OWNER
  const orgs = access?.orgs ?? []
  const currentOrg = acting.orgId === null ? null : (orgs.find((o) => o.id === acting.orgId) ?? null)
  return {
    acting,
    orgs,
    currentOrg,
    inOrganization: acting.orgId !== null || user?.type === 'organization',
    can: (capability) => acting.capabilities.includes(capability),
  }
}
