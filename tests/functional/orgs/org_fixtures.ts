/** Organizations for tests: an organization with its own admin sign-in, members of each role, and requests acting in it. */
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Agent } from '#tests/support/agent'
import { createCustomer } from '#tests/support/fixtures'
import { newKey } from '#services/api_keys/key_material'
import { ACTING_ORG_HEADER, type MemberRole } from '#contract/orgs'

let seq = 0
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`

type Create = (overrides?: Record<string, unknown>) => Promise<{ id: number; email: string } & Record<string, any>>

/** An organization (its account is its first admin member). `create` makes committed customers when the test must commit. */
export async function makeOrg(create: Create = createCustomer, name = `Org ${uniq()}`) {
  const org = await create({ type: 'organization', org_type: 'enterprise', org_name: name, org_opened_at: new Date() })
  await db.table('organization_members').insert({ org_id: org.id, customer_id: org.id, role: 'admin' })
  return org
}

/** A new person who is a member of `orgId` with `role` (and optional cap in ledger units), signed in to the portal. */
export async function member(orgId: number, role: MemberRole, create: Create = createCustomer, cap: bigint | null = null) {
  const person = await create()
  const [row] = await db.table('organization_members').insert({ org_id: orgId, customer_id: person.id, role, monthly_spend_cap: cap?.toString() ?? null }).returning('*')
  const agent = await new Agent().loginCustomer(person.email)
  return { person, memberId: Number(row.id), agent, in: inOrg(agent, orgId) }
}

/** Requests of `agent` acting in `orgId` (the X-Creditdesk-Org header). */
export function inOrg(agent: Agent, orgId: number) {
  const h = { [ACTING_ORG_HEADER]: String(orgId) }
  return {
    get: (path: string) => agent.request('GET', path, undefined, h),
    post: (path: string, body: unknown = {}) => agent.request('POST', path, body, h),
    patch: (path: string, body: unknown = {}) => agent.request('PATCH', path, body, h),
    delete: (path: string) => agent.request('DELETE', path, undefined, h),
  }
}

/** A key of the account `customerId`, assigned to `memberId` (a person) when given; `secret` is what a gateway sends. */
export async function orgKey(customerId: number, memberId: number | null = null) {
  const { key, prefix, hash } = newKey()
  const [row] = await db.table('api_keys').insert({ customer_id: customerId, member_id: memberId, name: `key ${prefix}`, prefix, secret_hash: hash }).returning('*')
  return { ...row, id: Number(row.id), secret: key }
}

export async function model() {
  const code = `m-${uniq()}`
  const [row] = await db.table('usage_models').insert({ code, name: `Model ${code}`, vendor: 'Acme', kind: 'text', billing_unit: 'per_1m_tokens' }).returning('*')
  return { ...row, id: Number(row.id) }
}

/** A usage row of a key (written directly: the list, export and drill-down read these). */
export async function usageRow(customerId: number, keyId: number, modelId: number, charged: bigint) {
  const requestId = `req-${uniq()}`
  await db.table('usage_records').insert({
    started_at: DateTime.utc().minus({ minutes: 5 }).toJSDate(),
    request_id: requestId,
    customer_id: customerId,
    api_key_id: keyId,
    model_id: modelId,
    price_version_id: 1,
    multiplier: '1',
    status: 'success',
    latency_ms: 100,
    input_tokens: 1000,
    output_tokens: 500,
    input_charge: charged,
    charged,
    cost: 0n,
    margin: charged,
  })
  return requestId
}
