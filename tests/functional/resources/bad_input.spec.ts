/**
 * QUALITY.md scenario 21: every endpoint fed malformed JSON, scalar or array bodies, wrong
 * types, oversized strings, unknown fields or bad ids answers 4xx with a JSON `message`,
 * never a 500 or a stack trace, and writes nothing.
 *
 * The console routes come from `adminRouteTable()`, so a route added later is probed too;
 * bodies are derived from the resource declarations. Each test collects every violation and
 * fails once with the whole list.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { Agent, TEST_PASSWORD } from '#tests/support/agent'
import { createCustomer, createStaff } from '#tests/support/fixtures'
import { adminRouteTable } from '#start/routes'
import { allResources } from '#engine/registry'
import type { FieldDef, ResourceDef } from '#engine/types'

type AdminRoute = ReturnType<typeof adminRouteTable>[number]

const JSON_HEADERS = { 'content-type': 'application/json' }
const BAD_IDS = ['abc', '99999999999999999999', '%00']
const HUGE = 'x'.repeat(300 * 1024)
/** Stack-trace text: a source position, a node_modules path, or an "at …" frame line. */
const STACK = /\.(ts|js|mjs):\d+|node_modules|\n\s+at\s/

type Probe = {
  label: string
  method: string
  url: string
  body?: unknown
  headers?: Record<string, string>
  /** true: the request is invalid and must be refused (4xx). false: it only must not crash. */
  mustReject: boolean
  agent?: () => Promise<Agent>
}

/* ---------- what the database holds, to prove nothing was written ---------- */

async function snapshot() {
  const out: Record<string, unknown> = {}
  for (const table of ['customers', 'staff', 'roles', 'role_permissions']) {
    const { rows } = await db.rawQuery(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS digest FROM ${table} t`
    )
    out[table] = rows[0]
  }
  const audit = await db.from('audit_logs').whereNotIn('action', ['access.denied', 'login.failed']).select('action', 'resource', 'record_id').orderBy('id')
  out.audit_logs = audit.map((r) => `${r.action}:${r.resource}:${r.record_id}`)
  return out
}

/* ---------- sending a probe and judging the answer ---------- */

/**
 * Tests run inside one global transaction shared with the server, so a database error in one
 * probe would poison every later one ("current transaction is aborted"). Each probe runs under
 * a savepoint of its own, rolled back only when the database refused something; writes of
 * probes that were wrongly accepted stay visible to the final snapshot.
 */
async function isolated<T>(probe: () => Promise<T>, failed: (result: T | undefined) => boolean): Promise<T | undefined> {
  await db.rawQuery('SAVEPOINT bad_input_probe')
  let result: T | undefined
  try {
    result = await probe()
  } finally {
    // a failed request may still be cleaning up on the server (an export's finally block)
    if (failed(result)) await new Promise((resolve) => setTimeout(resolve, 150))
    try {
      await db.rawQuery('RELEASE SAVEPOINT bad_input_probe')
    } catch {
      await db.rawQuery('ROLLBACK TO SAVEPOINT bad_input_probe')
      await db.rawQuery('RELEASE SAVEPOINT bad_input_probe')
    }
  }
  return result
}

async function run(defaultAgent: Agent, probes: Probe[]) {
  const violations: string[] = []
  for (const probe of probes) {
    const agent = probe.agent ? await probe.agent() : defaultAgent
    let error: any
    const reply = await isolated(
      () => agent.request(probe.method, probe.url, probe.body, probe.headers).catch((e) => ((error = e), undefined)),
      (r) => !r
    )
    if (!reply) {
      // e.g. a download cut off after its 200 header: the client sees a broken response
      violations.push(`[${probe.label}] ${probe.method} ${probe.url.slice(0, 90)} → request failed: ${error?.message} ${error?.cause?.message ?? ''}`)
      continue
    }
    const problems: string[] = []
    if (reply.status >= 500) problems.push('server error')
    else if (probe.mustReject && reply.status < 400) problems.push('accepted invalid input')
    if (reply.status >= 400 && (reply.body === null || typeof reply.body !== 'object' || typeof reply.body.message !== 'string')) {
      problems.push('no JSON {message}')
    }
    if (STACK.test(reply.text)) problems.push('stack trace in body')
    if (problems.length) {
      violations.push(`[${probe.label}] ${probe.method} ${probe.url.slice(0, 90)} → ${reply.status} (${problems.join(', ')}) ${reply.text.slice(0, 160)}`)
    }
  }
  return violations
}

/* ---------- bodies derived from declarations ---------- */

function validValue(name: string, field: FieldDef, ids: Record<string, string>): unknown {
  if (field.writeOnly) return 'Probe-pass-2026'
  switch (field.type) {
    case 'string':
      if (field.format === 'email') return 'probe.person@probe.test'
      if (field.format === 'phone') return '+1 555 0199'
      return `probe_${name}`.slice(0, field.maxLength ?? 60)
    case 'text':
      return 'probe text'
    case 'number':
      return field.min ?? 1
    case 'relation':
      return Number(ids[field.relation!.resource] ?? 1)
    case 'money':
      return '1.00'
    case 'boolean':
      return true
    case 'enum':
      return field.options![0].value
    case 'date':
      return '2026-01-01'
    case 'datetime':
      return '2026-01-01T00:00:00.000Z'
    case 'tags':
      return ['probe']
    case 'json':
      return { probe: true }
    case 'file':
      return 'probe.txt'
  }
}

/** A value of the wrong JSON type for the field: numbers where text is expected, text where numbers are. */
function wrongValue(field: FieldDef): unknown {
  switch (field.type) {
    case 'number':
    case 'relation':
      return 'abc'
    case 'boolean':
      return 'yes'
    case 'tags':
      return 'probe'
    case 'enum':
      return 12345
    case 'json':
      return undefined
    default:
      return 12345
  }
}

function fieldsFor(resource: ResourceDef, mode: 'create' | 'edit') {
  return Object.entries(resource.fields).filter(([, f]) => (mode === 'create' ? f.create : f.edit) && !f.compute)
}

type Kind = 'get' | 'create' | 'edit' | 'delete' | 'reveal' | 'action' | 'grants' | 'other'

function kindOf(route: AdminRoute): Kind {
  const method = route.methods.find((m) => m !== 'HEAD')!
  if (method === 'GET') return 'get'
  if (method === 'DELETE') return 'delete'
  if (method === 'PATCH' && route.pattern.endsWith('/:id')) return 'edit'
  if (method === 'POST' && route.pattern === `/api/admin/${route.resource}`) return 'create'
  if (method === 'POST' && route.pattern.endsWith('/reveal')) return 'reveal'
  if (method === 'POST' && route.pattern.includes('/actions/')) return 'action'
  if (method === 'PUT' && route.pattern.includes('/permissions/matrix/')) return 'grants'
  return 'other'
}

/** A body the route would accept (so that adding one invalid thing is the only fault), and one with wrong types. */
function bodiesFor(route: AdminRoute, ids: Record<string, string>): { valid: Record<string, unknown>; wrong: Array<Record<string, unknown>> } | undefined {
  const resource = allResources().find((r) => r.name === route.resource)
  const kind = kindOf(route)
  if (kind === 'grants') {
    return { valid: { grants: { users: ['view'] } }, wrong: [{ grants: 12345 }, { grants: { users: 'view' } }, { grants: { users: [1, 2] } }, { grants: ['users'] }] }
  }
  if (!resource) return undefined
  if (kind === 'create' || kind === 'edit') {
    const fields = fieldsFor(resource, kind)
    const valid = Object.fromEntries(
      (kind === 'create' ? fields : fields.slice(0, 1)).map(([name, f]) => [name, validValue(name, f, ids)])
    )
    const wrong = Object.fromEntries(fields.map(([name, f]) => [name, wrongValue(f)]).filter(([, v]) => v !== undefined))
    // every field wrong at once, and each field wrong on its own next to valid ones
    const single = fields.filter(([, f]) => wrongValue(f) !== undefined).map(([name, f]) => ({ ...valid, [name]: wrongValue(f) }))
    return { valid, wrong: [wrong, ...single] }
  }
  if (kind === 'reveal') {
    const sensitive = Object.entries(resource.fields).find(([, f]) => f.sensitive)?.[0] ?? 'email'
    return { valid: { field: sensitive }, wrong: [{ field: 12345 }, { field: [sensitive] }, { field: 'password' }, { field: 'nope' }] }
  }
  if (kind === 'action') {
    const name = route.action
    const action = resource.actions?.[name]
    if (!action) return undefined
    const fields = Object.entries(action.fields ?? {})
    const valid: Record<string, unknown> = {
      reason: 'Probing bad input',
      ...Object.fromEntries(fields.map(([n, f]) => [n, validValue(n, f, ids)])),
      ...(action.scope === 'bulk' ? { ids: [Number(ids[resource.name])] } : {}),
    }
    const wrong = [
      { ...valid, reason: 12345 },
      { ...valid, reason: ['a reason'] },
      { ...valid, reason: 'x'.repeat(1001) },
      ...fields.map(([n, f]) => ({ ...valid, [n]: wrongValue(f) })),
      ...(action.scope === 'bulk' ? [{ ...valid, ids: 'all' }, { ...valid, ids: [] }, { ...valid, ids: [{}] }] : []),
    ]
    if (action.reason) wrong.push({ ...valid, reason: undefined }, { ...valid, reason: '  ' })
    return { valid, wrong }
  }
  return undefined
}

function urlFor(route: AdminRoute, ids: Record<string, string>, badId?: string) {
  return route.pattern.replace(':role', badId ?? 'finance').replace(':id', badId ?? ids[route.resource] ?? '1')
}

async function fixtures() {
  const customer = await createCustomer({ phone: '+1 555 0142' })
  const staff = await createStaff('auditor')
  const [role] = await db.table('roles').insert({ name: 'probe_role', label: 'Probe role' }).returning('*')
  const [audit] = await db.table('audit_logs').insert({ actor_type: 'system', action: 'fixture' }).returning('*')
  const admin = await createStaff('super_admin')
  const agent = await new Agent('bad-input-probe').loginStaff(admin.email)
  const ids: Record<string, string> = { 'users': String(customer.id), 'staff': String(staff.id), 'roles': String(role.id), 'audit-logs': String(audit.id) }
  // resources declared later: any existing row will do
  for (const resource of allResources()) {
    if (ids[resource.name]) continue
    const pk = resource.primaryKey ?? 'id'
    const row = await db.from(resource.table).select(pk).orderBy(pk).first()
    ids[resource.name] = row ? String(row[pk]) : '1'
  }
  return { agent, customer, ids }
}

function mutating(route: AdminRoute) {
  return kindOf(route) !== 'get'
}

function method(route: AdminRoute) {
  return route.methods.find((m) => m !== 'HEAD')!
}

/** Bodies every parser must refuse before a controller runs. */
function parserProbes(label: string, httpMethod: string, url: string, extra: Partial<Probe> = {}): Probe[] {
  return [
    { label: `${label}: malformed JSON`, method: httpMethod, url, body: '{"nickname": "x",', headers: JSON_HEADERS, mustReject: true, ...extra },
    { label: `${label}: JSON with a trailing comma`, method: httpMethod, url, body: '{"a": 1,}', headers: JSON_HEADERS, mustReject: true, ...extra },
    { label: `${label}: a bare string as JSON body`, method: httpMethod, url, body: '"just text"', headers: JSON_HEADERS, mustReject: true, ...extra },
    { label: `${label}: a number as JSON body`, method: httpMethod, url, body: '12345', headers: JSON_HEADERS, mustReject: true, ...extra },
    {
      label: `${label}: 300 kB string field`,
      method: httpMethod,
      url,
      body: JSON.stringify({ nickname: HUGE, name: HUGE, reason: HUGE, email: HUGE }),
      headers: JSON_HEADERS,
      mustReject: true,
      ...extra,
    },
  ]
}

/** A NUL character in every text filter the resource declares (eq and like). */
function nulFilters(route: AdminRoute) {
  const resource = allResources().find((r) => r.name === route.resource)
  if (!resource) return []
  return Object.entries(resource.fields)
    .filter(([, f]) => ['string', 'text'].includes(f.type) && f.filter?.length && !f.writeOnly)
    .flatMap(([name, f]) => [
      ...(f.filter!.includes('eq') ? [`${name}=a%00b`] : []),
      ...(f.filter!.includes('contains') ? [`${name}_like=a%00b`] : []),
    ])
}

test.group('Bad input / console routes', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('malformed, scalar and oversized bodies are refused on every console mutation route, nothing written', async ({ assert }) => {
    const { agent, ids } = await fixtures()
    const routes = adminRouteTable().filter(mutating)
    assert.isAbove(routes.length, 10)
    const before = await snapshot()
    const probes = routes.flatMap((route) => parserProbes(route.pattern, method(route), urlFor(route, ids)))
    const violations = await run(agent, probes)
    // a 300 kB body is above the 256 kB limit: 413 specifically
    const huge = await agent.request('PATCH', `/api/admin/users/${ids.users}`, JSON.stringify({ nickname: HUGE }), JSON_HEADERS)
    assert.equal(huge.status, 413)
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
  })

  /** The console routes that take a body this test knows how to build; DELETE ignores its body (and would delete the fixture). */
  function inputRoutes(ids: Record<string, string>, assert: any) {
    const routes = adminRouteTable().filter(mutating)
    const known = routes.flatMap((route) => {
      const bodies = bodiesFor(route, ids)
      return bodies ? [{ route, url: urlFor(route, ids), label: `${method(route)} ${route.pattern}`, ...bodies }] : []
    })
    assert.isAbove(known.length, 8)
    return known
  }

  test('array bodies, null bodies and wrong types are refused on every console route that takes input, nothing written', async ({ assert }) => {
    const { agent, ids } = await fixtures()
    const before = await snapshot()
    const probes: Probe[] = []
    for (const { route, url, label, valid, wrong } of inputRoutes(ids, assert)) {
      probes.push({ label: `${label}: JSON array body`, method: method(route), url, body: [valid], mustReject: true })
      probes.push({ label: `${label}: empty array body`, method: method(route), url, body: [], mustReject: true })
      probes.push({ label: `${label}: JSON null body`, method: method(route), url, body: 'null', headers: JSON_HEADERS, mustReject: true })
      for (const [i, body] of wrong.entries()) {
        probes.push({ label: `${label}: wrong types #${i} ${JSON.stringify(body).slice(0, 60)}`, method: method(route), url, body, mustReject: true })
      }
    }
    // console routes of a kind this test cannot build a body for (custom controllers): they may or
    // may not take input, so only "never a crash, always a JSON message" is asked of them
    for (const route of adminRouteTable().filter((r) => ['other'].includes(kindOf(r)))) {
      const url = urlFor(route, ids)
      for (const body of [[], [{}], 'null', { id: 'abc', amount: 'x', name: 12345, __not_a_field__: true }]) {
        probes.push({ label: `${method(route)} ${route.pattern}: ${JSON.stringify(body)}`, method: method(route), url, body, headers: JSON_HEADERS, mustReject: false })
      }
    }
    const violations = await run(agent, probes)
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
  })

  test('a NUL character in any text input (body field, filter, search) is a 4xx, not a database error', async ({ assert }) => {
    const { agent, ids } = await fixtures()
    const before = await snapshot()
    const probes: Probe[] = []
    for (const { route, url, label, valid } of inputRoutes(ids, assert)) {
      const resource = allResources().find((r) => r.name === route.resource)
      const kind = kindOf(route)
      const textFields =
        kind === 'create' || kind === 'edit'
          ? fieldsFor(resource!, kind).filter(([, f]) => ['string', 'text'].includes(f.type) && !f.writeOnly).map(([n]) => n)
          : kind === 'action'
            ? ['reason', ...Object.entries(resource!.actions![route.action].fields ?? {}).filter(([, f]) => ['string', 'text'].includes(f.type)).map(([n]) => n)]
            : kind === 'reveal'
              ? ['field']
              : []
      for (const name of textFields) {
        probes.push({ label: `${label}: NUL in ${name}`, method: method(route), url, body: { ...valid, [name]: 'nul\u0000byte' }, mustReject: true })
      }
    }
    probes.push({ label: 'grants: NUL in a resource name', method: 'PUT', url: '/api/admin/permissions/matrix/finance', body: { grants: { 'us\u0000ers': ['view'] } }, mustReject: true })
    // in list and export filters and searches
    const lists = adminRouteTable().filter((r) => method(r) === 'GET' && (r.pattern === `/api/admin/${r.resource}` || r.pattern.endsWith('/export')))
    for (const route of lists) {
      // an export shares the list's parsing: one search and one filter probe each is enough there
      const queries = ['q=a%00b', ...nulFilters(route)]
      for (const query of route.pattern.endsWith('/export') ? queries.slice(0, 2) : queries) {
        probes.push({ label: `${route.pattern}?${query}`, method: 'GET', url: `${urlFor(route, ids)}?${query}`, mustReject: true })
      }
    }
    const violations = await run(agent, probes)
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
  })

  test('unknown fields next to an otherwise valid body are refused on every console route that takes input, nothing written', async ({ assert }) => {
    const { agent, ids } = await fixtures()
    const before = await snapshot()
    const probes: Probe[] = []
    for (const { route, url, label, valid } of inputRoutes(ids, assert)) {
      // `constructor`, `toString`: names every plain object inherits must not pass for declared fields
      for (const unknown of ['__not_a_field__', 'balance', 'constructor', 'toString']) {
        probes.push({ label: `${label}: unknown field ${unknown}`, method: method(route), url, body: { [unknown]: { create: true, edit: true }, ...valid }, mustReject: true })
      }
    }
    const violations = await run(agent, probes)
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
  })

  test('bad ids are refused with 400/404 on every console route with an :id, nothing written', async ({ assert }) => {
    const { agent, ids } = await fixtures()
    const before = await snapshot()
    const probes: Probe[] = []
    for (const route of adminRouteTable().filter((r) => r.pattern.includes(':id') || r.pattern.includes(':role'))) {
      const bodies = bodiesFor(route, ids)
      for (const bad of BAD_IDS) {
        probes.push({
          label: `${method(route)} ${route.pattern}: id ${bad}`,
          method: method(route),
          url: urlFor(route, ids, bad),
          body: method(route) === 'GET' ? undefined : (bodies?.valid ?? {}),
          mustReject: true,
        })
      }
    }
    assert.isAbove(probes.length, 20)
    const violations = await run(agent, probes)
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
  })

  test('bad query strings are 400 on every list and export route', async ({ assert }) => {
    const { agent, ids } = await fixtures()
    const before = await snapshot()
    const lists = adminRouteTable().filter((r) => method(r) === 'GET' && (r.pattern === `/api/admin/${r.resource}` || r.pattern.endsWith('/export')))
    assert.isAbove(lists.length, 5)
    // paging applies to lists only (an export is every matching row)
    const paging = ['_start=abc', '_start=-1', '_end=1.5', '_start=10&_end=5', '_start=99999999999']
    const queries = [
      '_sort=__nope__',
      '_sort=id&_order=sideways',
      '_sort=constructor',
      '__nope__=1',
      'id[a]=1',
      'id=abc',
      'id_gte=1e3',
      'q=' + 'x'.repeat(300),
      'q[a]=x',
    ]
    const probes = lists.flatMap((route) =>
      [...queries, ...(route.pattern.endsWith('/export') ? [] : paging)].map((query) => ({
        label: `${route.pattern}?${query.slice(0, 30)}`,
        method: 'GET',
        url: `${urlFor(route, ids)}?${query}`,
        mustReject: true,
      }))
    )
    const violations = await run(agent, probes)
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
  })
})

test.group('Bad input / auth and portal routes', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  async function setup() {
    const staff = await createStaff('operations')
    const customer = await createCustomer()
    const customerAgent = await new Agent('portal-probe').loginCustomer(customer.email)
    const staffAgent = await new Agent('console-probe').loginStaff(staff.email)
    // signed in before the snapshot: a probe that wrongly succeeded would sign them out (and be seen)
    const staffLogout = await new Agent('logout-probe').loginStaff(staff.email)
    const customerLogout = await new Agent('portal-logout-probe').loginCustomer(customer.email)
    /** Each route: the agent it needs, a valid body, and bodies with wrong types. */
    const routes: Array<{ method: string; url: string; agent: () => Promise<Agent>; valid?: Record<string, unknown>; wrong: Array<Record<string, unknown>> }> = [
      {
        method: 'POST',
        url: '/api/admin/auth/login',
        agent: async () => new Agent('login-probe'),
        valid: { email: staff.email, password: TEST_PASSWORD },
        wrong: [{ email: 12345, password: 12345 }, { email: staff.email, password: 12345 }, { email: [staff.email], password: TEST_PASSWORD }, { email: staff.email, password: { $ne: '' } }],
      },
      { method: 'POST', url: '/api/admin/auth/logout', agent: async () => staffLogout, wrong: [] },
      {
        method: 'POST',
        url: '/api/portal/auth/register',
        agent: async () => new Agent('register-probe'),
        valid: { email: 'fresh.probe@probe.test', password: 'Fresh-pass-2026', nickname: 'Fresh' },
        wrong: [
          { email: 12345, password: 12345 },
          { email: 'fresh.probe@probe.test', password: 12345678901 },
          { email: 'fresh.probe@probe.test', password: 'Fresh-pass-2026', nickname: 12345 },
          { email: 'fresh.probe@probe.test', password: 'Fresh-pass-2026', nickname: 'x'.repeat(81) },
          { email: 'x'.repeat(250) + '@probe.test', password: 'Fresh-pass-2026' },
        ],
      },
      {
        method: 'POST',
        url: '/api/portal/auth/login',
        agent: async () => new Agent('portal-login-probe'),
        valid: { email: customer.email, password: TEST_PASSWORD },
        wrong: [{ email: 12345, password: 12345 }, { email: customer.email, password: true }, { email: customer.email, password: 'x'.repeat(129) }],
      },
      { method: 'POST', url: '/api/portal/auth/logout', agent: async () => customerLogout, wrong: [] },
      {
        method: 'POST',
        url: '/api/portal/auth/reset-password',
        agent: async () => new Agent('reset-probe'),
        // no valid token exists here: every probe must be refused whatever else it carries
        valid: { token: 'f'.repeat(64), password: 'Fresh-pass-2026' },
        wrong: [{ token: 12345, password: 12345 }, { token: ['x'], password: 'Fresh-pass-2026' }, { token: 'f'.repeat(64), password: true }, { token: 'x'.repeat(5000), password: 'Fresh-pass-2026' }],
      },
      {
        method: 'PATCH',
        url: '/api/portal/profile',
        agent: async () => customerAgent,
        valid: { nickname: 'Fresh nickname' },
        wrong: [{ nickname: 12345 }, { phone: 5550100 }, { nickname: ['a'] }, { phone: 'not a phone' }, { nickname: '' }],
      },
      {
        method: 'PUT',
        url: '/api/portal/password',
        agent: async () => customerAgent,
        valid: { current_password: TEST_PASSWORD, password: 'Fresh-pass-2026' },
        wrong: [{ current_password: 12345, password: 12345 }, { current_password: TEST_PASSWORD, password: 123456789012 }, { current_password: TEST_PASSWORD }],
      },
      { method: 'POST', url: '/api/portal/sessions/revoke-others', agent: async () => customerAgent, wrong: [] },
    ]
    return { routes, customerAgent, staffAgent }
  }

  test('malformed, scalar and oversized bodies are refused on every auth and portal route, nothing written', async ({ assert }) => {
    const { routes, customerAgent } = await setup()
    const before = await snapshot()
    const probes = routes.flatMap((r) => parserProbes(r.url, r.method, r.url, { agent: r.agent }))
    const violations = await run(customerAgent, probes)
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
    assert.equal((await customerAgent.get('/api/portal/auth/me')).status, 200)
  })

  test('array bodies and wrong types are refused on every auth and portal route that takes input, nothing written', async ({ assert }) => {
    const { routes, customerAgent } = await setup()
    const before = await snapshot()
    const probes: Probe[] = []
    for (const route of routes.filter((r) => r.valid)) {
      probes.push({ label: `${route.url}: JSON array body`, method: route.method, url: route.url, body: [route.valid], agent: route.agent, mustReject: true })
      probes.push({ label: `${route.url}: JSON null body`, method: route.method, url: route.url, body: 'null', headers: JSON_HEADERS, agent: route.agent, mustReject: true })
      probes.push({ label: `${route.url}: empty object`, method: route.method, url: route.url, body: {}, agent: route.agent, mustReject: route.url !== '/api/portal/profile' })
      for (const [i, wrong] of route.wrong.entries()) {
        probes.push({ label: `${route.url}: wrong types #${i}`, method: route.method, url: route.url, body: wrong, agent: route.agent, mustReject: true })
      }
    }
    const violations = await run(customerAgent, probes)
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
  })

  test('a NUL character in auth and portal text input is a 4xx, not a database error', async ({ assert }) => {
    const { routes, customerAgent } = await setup()
    const before = await snapshot()
    const probes: Probe[] = []
    for (const route of routes.filter((r) => r.valid)) {
      for (const [name, value] of Object.entries(route.valid!)) {
        // passwords are hashed, never stored as text: any character may be part of one
        if (typeof value !== 'string' || name.includes('password')) continue
        probes.push({ label: `${route.url}: NUL in ${name}`, method: route.method, url: route.url, body: { ...route.valid, [name]: `${value}\u0000x` }, agent: route.agent, mustReject: true })
      }
    }
    probes.push({ label: 'profile: NUL in phone', method: 'PATCH', url: '/api/portal/profile', body: { phone: '+1 555 0100\u0000' }, agent: async () => customerAgent, mustReject: true })
    const violations = await run(customerAgent, probes)
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
  })

  test('unknown fields next to an otherwise valid body are refused on every auth and portal route, nothing written', async ({ assert }) => {
    const { routes, customerAgent } = await setup()
    const before = await snapshot()
    const probes: Probe[] = routes
      .filter((r) => r.valid)
      .map((route) => ({
        label: `${route.url}: unknown field`,
        method: route.method,
        url: route.url,
        body: { ...route.valid, role: 'super_admin', tier: 'enterprise', frozen: false },
        agent: route.agent,
        mustReject: true,
      }))
    const violations = await run(customerAgent, probes)
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
  })
})

test.group('Bad input / malformed text, cleared required columns, deep nesting', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  /** A JSON body whose email holds a lone surrogate, sent as the JSON escape `\ud800` (JSON.stringify would send it the same way). */
  const withLoneSurrogate = (body: Record<string, unknown>, where: 'alone' | 'inside') =>
    JSON.stringify(body).replace('"@@EMAIL@@"', where === 'alone' ? '"\\ud800"' : '"a\\ud800b@probe.test"')

  test('a lone surrogate in an email is a 422 on the email field (staff login, customer login, register, staff create), nothing written', async ({ assert }) => {
    const { agent } = await fixtures()
    const before = await snapshot()
    const routes: Array<{ url: string; body: Record<string, unknown>; agent: () => Promise<Agent> }> = [
      { url: '/api/admin/auth/login', body: { email: '@@EMAIL@@', password: TEST_PASSWORD }, agent: async () => new Agent('surrogate-staff-login') },
      { url: '/api/portal/auth/login', body: { email: '@@EMAIL@@', password: TEST_PASSWORD }, agent: async () => new Agent('surrogate-portal-login') },
      { url: '/api/portal/auth/register', body: { email: '@@EMAIL@@', password: 'Fresh-pass-2026', nickname: 'Fresh' }, agent: async () => new Agent('surrogate-register') },
      { url: '/api/admin/staff', body: { email: '@@EMAIL@@', name: 'Probe', role_id: await roleIdOf('finance'), password: 'Probe-pass-2026', locale: 'en' }, agent: async () => agent },
    ]
    const violations: string[] = []
    for (const route of routes) {
      for (const where of ['alone', 'inside'] as const) {
        const caller = await route.agent()
        const reply = await isolated(() => caller.request('POST', route.url, withLoneSurrogate(route.body, where), JSON_HEADERS), () => false)
        const fields = (reply?.body?.errors ?? []).map((e: any) => e.field)
        if (reply?.status !== 422 || !fields.includes('email') || typeof reply.body.message !== 'string') {
          violations.push(`${route.url} (${where}) → ${reply?.status} ${reply?.text.slice(0, 160)}`)
        }
      }
    }
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
    // surrogate pairs (real characters outside the BMP) are still text like any other
    const emoji = await agent.request('PATCH', `/api/admin/staff/${(await createStaff('auditor')).id}`, '{"name":"Probe \\ud83d\\ude00"}', JSON_HEADERS)
    assert.equal(emoji.status, 200, emoji.text)
    assert.equal(emoji.body.name, 'Probe 😀')
  })

  test('null for a NOT NULL column on PATCH is a 422 naming the field, for every editable field of every resource, nothing written', async ({ assert }) => {
    const { agent, ids } = await fixtures()
    const before = await snapshot()
    const probed: string[] = []
    const violations: string[] = []
    for (const resource of allResources().filter((r) => r.operations?.edit)) {
      // NOT NULL-ness as the database declares it, independently of the engine
      const { rows } = await db.rawQuery(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND is_nullable = 'NO'`,
        [resource.table]
      )
      const notNull = new Set(rows.map((r: any) => r.column_name))
      const pk = resource.primaryKey ?? 'id'
      if (!(await db.from(resource.table).where(pk, ids[resource.name]).first())) continue
      for (const [name, field] of fieldsFor(resource, 'edit')) {
        if (!notNull.has(field.column ?? name)) continue
        probed.push(`${resource.name}.${name}`)
        const url = `/api/admin/${resource.name}/${ids[resource.name]}`
        const reply = await isolated(() => agent.request('PATCH', url, { [name]: null }), (r) => !r || r.status >= 500)
        const fields = (reply?.body?.errors ?? []).map((e: any) => e.field)
        if (reply?.status !== 422 || !fields.includes(name) || !reply.body.message.includes(field.label.en)) {
          violations.push(`${resource.name}.${name} → ${reply?.status} ${reply?.text.slice(0, 160)}`)
        }
      }
    }
    assert.includeMembers(probed, ['users.type', 'users.is_developer', 'users.verification_status', 'users.tags', 'staff.locale'])
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
    // a nullable column can still be cleared
    const cleared = await agent.patch(`/api/admin/users/${ids.users}`, { remark: null })
    assert.equal(cleared.status, 200, cleared.text)
  })

  test('JSON nested 100,000 deep is a 400 naming the depth limit on every route; a body within the limit is judged normally', async ({ assert }) => {
    const { agent, ids } = await fixtures()
    const before = await snapshot()
    const deepArray = '['.repeat(100_000) + ']'.repeat(100_000)
    const deepInField = `{"nickname":${deepArray}}`
    const justOver = `{"nickname":${'['.repeat(32)}${']'.repeat(32)}}`
    const targets = [
      ...adminRouteTable().filter(mutating).map((route) => ({ method: method(route), url: urlFor(route, ids), agent })),
      { method: 'POST', url: '/api/admin/auth/login', agent: new Agent('deep-login') },
      { method: 'POST', url: '/api/portal/auth/login', agent: new Agent('deep-portal-login') },
      { method: 'POST', url: '/api/portal/auth/register', agent: new Agent('deep-register') },
    ]
    const violations: string[] = []
    for (const target of targets) {
      for (const [label, body] of [['array', deepArray], ['in a field', deepInField], ['33 levels', justOver]]) {
        const reply = await isolated(() => target.agent.request(target.method, target.url, body, JSON_HEADERS), (r) => !r || r.status >= 500)
        if (reply?.status !== 400 || !/nested too deeply \(32 levels at most\)/.test(reply.body?.message ?? '')) {
          violations.push(`${target.method} ${target.url} (${label}) → ${reply?.status} ${reply?.text.slice(0, 120)}`)
        }
      }
    }
    assert.isAbove(targets.length, 10)
    assert.deepEqual(violations, [])
    assert.deepEqual(await snapshot(), before)
    // nesting within the limit reaches validation as before (a wrong type, not a depth error)
    const nested = await agent.patch(`/api/admin/users/${ids.users}`, { nickname: [[[['x']]]] })
    assert.equal(nested.status, 422, nested.text)
  })
})

async function roleIdOf(name: string) {
  return Number((await db.from('roles').where('name', name).first()).id)
}
