/** Uploads, organizations and contracts for the file and contract tests. */
import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { Agent } from '#tests/support/agent'
import { createCustomer } from '#tests/support/fixtures'
import { customerAgent, staffAgent } from '#tests/support/agents'

export const PDF = (text = 'contract') => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`)
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3])
export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

type UploadInput = { purpose?: string; name?: string; bytes?: Buffer; type?: string; fields?: Record<string, string>; headers?: Record<string, string> }

/** A multipart POST with the agent's cookies and CSRF header, as a browser's FormData upload. */
export async function upload(agent: Agent, path: string, input: UploadInput = {}) {
  if (!agent.cookies.has('XSRF-TOKEN')) await agent.get('/api/portal/auth/me')
  const form = new FormData()
  if (input.purpose !== undefined) form.append('purpose', input.purpose)
  for (const [key, value] of Object.entries(input.fields ?? {})) form.append(key, value)
  if (input.bytes) form.append('file', new Blob([new Uint8Array(input.bytes)], { type: input.type ?? 'application/octet-stream' }), input.name ?? 'contract.pdf')
  const response = await fetch(Agent.base() + path, {
    method: 'POST',
    headers: {
      'cookie': [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-xsrf-token': decodeURIComponent(agent.cookies.get('XSRF-TOKEN') ?? ''),
      ...(input.headers ?? {}),
    },
    body: form,
  })
  const text = await response.text()
  let body: any = text
  try {
    body = JSON.parse(text)
  } catch {}
  return { status: response.status, body, headers: response.headers }
}

/** A GET of a full URL (a signed link) with the agent's cookies; the body as bytes. */
export async function fetchBytes(agent: Agent, url: string) {
  const response = await fetch(url.startsWith('http') ? url : Agent.base() + url, {
    headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  })
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) }
}

export async function storedFiles() {
  return Number((await db.from('stored_files').count('* as n').first())!.n)
}

/** An organization with a member of each role (and its own sign-in as owner), each signed in. */
export async function organization(name = 'Acme') {
  const org = await createCustomer({ type: 'organization', org_name: name, org_type: 'enterprise', org_opened_at: new Date() })
  const members: Record<string, { customer: { id: number; email: string }; agent: Agent }> = {}
  for (const role of ['admin', 'finance', 'read_only'] as const) {
    const person = await customerAgent()
    await db.table('organization_members').insert({ org_id: org.id, customer_id: person.customer.id, role })
    members[role] = person
  }
  return { org, members, header: { 'X-Creditdesk-Org': String(org.id) } }
}

/** Operations staff and a contract file they uploaded. */
export async function operationsWithFile(bytes = PDF()) {
  const ops = await staffAgent('operations')
  const file = await upload(ops.agent, '/api/admin/files', { purpose: 'contract', bytes, name: 'draft.pdf' })
  if (file.status !== 201) throw new Error(`upload failed: ${file.status} ${JSON.stringify(file.body)}`)
  return { ...ops, fileId: file.body.id as number }
}

export async function newFile(agent: Agent, purpose = 'contract', bytes = PDF(String(Math.random()))) {
  const file = await upload(agent, '/api/admin/files', { purpose, bytes, name: `${purpose}.pdf` })
  if (file.status !== 201) throw new Error(`upload failed: ${file.status} ${JSON.stringify(file.body)}`)
  return file.body.id as number
}

/** A contract created through the console API; returns its record. */
export async function createContract(agent: Agent, orgId: number, input: Record<string, unknown>) {
  const reply = await agent.post('/api/admin/contracts', {
    org_id: orgId,
    type: 'enterprise',
    title: 'Service agreement',
    signing_method: 'online',
    starts_on: '2026-01-01',
    expires_on: '2027-12-31',
    ...input,
  })
  if (reply.status !== 201 && reply.status !== 200) throw new Error(`contract create failed: ${reply.status} ${reply.text}`)
  return reply.body
}
