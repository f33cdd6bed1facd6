/**
 * Direct API access as the demo super admin, for arranging and restoring shared state around
 * a browser scenario (grants), through the same endpoints the console uses.
 */
import { Agent } from '#tests/support/agent'
import { demoPassword } from './browser.js'

export type Grants = Record<string, string[]>

export async function superAdminAgent() {
  return new Agent('creditdesk-browser-suite').loginStaff('superadmin@demo.local', demoPassword())
}

export async function grantsOf(agent: Agent, role: string): Promise<Grants> {
  const reply = await agent.get('/api/admin/permissions/matrix')
  if (reply.status !== 200) throw new Error(`GET /api/admin/permissions/matrix answered ${reply.status}`)
  return reply.body.grants[role] ?? {}
}

export async function setGrants(agent: Agent, role: string, grants: Grants) {
  const reply = await agent.put(`/api/admin/permissions/matrix/${role}`, { grants })
  if (reply.status !== 200) throw new Error(`PUT /api/admin/permissions/matrix/${role} answered ${reply.status}: ${reply.text}`)
  return reply.body
}
