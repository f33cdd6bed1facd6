import { ROLE_CAPABILITIES, type MemberRole } from '@creditdesk/contract/orgs'
import type { MockReply, RecordedRequest } from './mockApi'
import { sampleUser } from './mockApi'

export interface TestOrg {
  id: number
  name: string
  type: string
  role: MemberRole
  verification_status: string
}

export const ORGS: TestOrg[] = [
  { id: 42, name: 'Acme Robotics', type: 'enterprise', role: 'developer', verification_status: 'verified' },
  { id: 43, name: '北辰数据', type: 'dev_org', role: 'finance', verification_status: 'pending' },
  { id: 44, name: 'Gamma Studio', type: 'enterprise', role: 'read_only', verification_status: 'verified' },
  { id: 45, name: 'Delta Works', type: 'enterprise', role: 'admin', verification_status: 'verified' },
]

/** The acting organization a recorded request named (header), or null. */
export function actingHeader(req: RecordedRequest): string | null {
  const entry = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'x-creditdesk-org')
  return entry ? String(entry[1]) : null
}

/**
 * GET /auth/me as the server answers it: the user, their organizations, and the account the header
 * names (404 for an organization they are not in).
 */
export function meWithOrgs(orgs: TestOrg[] = ORGS, user: object = sampleUser) {
  return (req: RecordedRequest): MockReply => {
    const named = actingHeader(req)
    const base = { user, tier: null, orgs }
    if (!named) return { status: 200, data: { ...base, acting: { customerId: 7, orgId: null, role: 'owner', capabilities: ROLE_CAPABILITIES.owner } } }
    const org = orgs.find((o) => String(o.id) === named)
    if (!org) return { status: 404, data: { message: 'Organization not found' } }
    return { status: 200, data: { ...base, acting: { customerId: org.id, orgId: org.id, role: org.role, capabilities: ROLE_CAPABILITIES[org.role] } } }
  }
}
