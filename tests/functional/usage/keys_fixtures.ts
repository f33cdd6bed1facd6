/** Helpers for the API key and verify tests: models, keys made through the portal, verify calls. */
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { Agent } from '#tests/support/agent'

let counter = 0

/** A model in the catalog (unique code per call). */
export async function createModel(overrides: Record<string, unknown> = {}) {
  const code = `test-model-${Date.now().toString(36)}-${counter++}`
  const [row] = await db
    .table('usage_models')
    .insert({ code, name: `Test ${code}`, vendor: 'Test', kind: 'text', billing_unit: 'per_1m_tokens', ...overrides })
    .returning('*')
  return row as { id: number; code: string }
}

/** Creates a key through the portal as `agent`; fails the test when it is not a 201. */
export async function portalKey(agent: Agent, body: Record<string, unknown> = {}) {
  const reply = await agent.post('/api/portal/keys', { name: 'Test key', ...body })
  if (reply.status !== 201) throw new Error(`key creation failed: ${reply.status} ${reply.text}`)
  return reply.body as { key: Record<string, any> & { id: number; prefix: string }; secret: string }
}

/** POST /api/internal/keys/verify as a gateway does (no cookies), with the service token unless told otherwise. */
export async function verify(body: unknown, token = env.get('INTERNAL_SERVICE_TOKEN')) {
  const response = await fetch(`${Agent.base()}/api/internal/keys/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'authorization': `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null, text }
}

/** Polls `check` until it returns true or `ms` pass (notifications arrive after the commit). */
export async function eventually(check: () => Promise<boolean>, ms = 3000) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return check()
}
