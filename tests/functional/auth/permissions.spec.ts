import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { Agent } from '#tests/support/agent'
import { auditRows, createCustomer, createStaff } from '#tests/support/fixtures'
import { PUBLIC_ADMIN_ROUTES, SIGNED_IN, adminRouteTable, type AdminRoute } from '#start/routes'
import { permissionTargets } from '#engine/registry'
import { staffAgent } from '#tests/support/agents'

/** Every registered route, as the router holds it after commit. */
function registeredRoutes(): Array<{ pattern: string; methods: string[]; middleware: any }> {
  return Object.values(router.toJSON()).flat() as any
}

/** A URL for the route, with :id pointing at a record of the right resource. */
async function urlFor(route: AdminRoute, ids: Record<string, string>) {
  return route.pattern.replace(':role', 'finance').replace(':id', ids[route.resource] ?? '1')
}

async function recordIds() {
  const customer = await createCustomer()
  const staff = await createStaff('auditor')
  const role = await db.from('roles').where('name', 'auditor').first()
  await db.table('audit_logs').insert({ actor_type: 'system', action: 'fixture' })
  const audit = await db.from('audit_logs').orderBy('id', 'desc').first()
  return { 'users': String(customer.id), 'staff': String(staff.id), 'roles': String(role.id), 'audit-logs': String(audit.id) }
}

function send(agent: Agent, route: AdminRoute, url: string) {
  const method = route.methods.find((m) => m !== 'HEAD')!
  return agent.request(method, url, method === 'GET' ? undefined : {})
}

test.group('Every console route has a policy', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('each /api/admin route is public auth, or guarded by the authorize middleware with a declared permission', async ({ assert }) => {
    const table = adminRouteTable()
    const admin = registeredRoutes().filter((r) => r.pattern.startsWith('/api/admin'))
    assert.isAbove(admin.length, 20)
    for (const route of admin) {
      if (PUBLIC_ADMIN_ROUTES.includes(route.pattern)) continue
      const entry = table.find((t) => t.pattern === route.pattern && t.methods.join() === route.methods.join())
      assert.exists(entry, `${route.methods.join(',')} ${route.pattern} is not registered through guarded()`)
      if (entry!.resource === SIGNED_IN.resource) continue
      const names = [...route.middleware.all()].map((m: any) => m.name)
      assert.include(names, 'authorize', `${route.pattern} has no authorize middleware`)
      const resource = permissionTargets().find((r) => r.name === entry!.resource)
      assert.exists(resource, `${route.pattern} guards an unknown resource ${entry!.resource}`)
      assert.include(resource!.actions, entry!.action, `${route.pattern} needs an undeclared permission ${entry!.action}`)
    }
  })

  test('a role with no grants is refused on every guarded route, and each refusal is audited', async ({ assert }) => {
    const [role] = await db.table('roles').insert({ name: 'nobody', label: 'Nobody' }).returning('*')
    const staff = await createStaff('auditor', { role_id: role.id })
    const agent = await new Agent().loginStaff(staff.email)
    const ids = await recordIds()
    const guarded = adminRouteTable().filter((r) => r.resource !== SIGNED_IN.resource)
    for (const route of guarded) {
      const reply = await send(agent, route, await urlFor(route, ids))
      assert.equal(reply.status, 403, `${route.methods.join(',')} ${route.pattern}`)
    }
    const denied = await auditRows({ action: 'access.denied', actor_id: staff.id })
    assert.lengthOf(denied, guarded.length)
    const meta = await agent.get('/api/admin/meta')
    assert.equal(meta.status, 200)
    assert.lengthOf(meta.body.resources, 0)
  })
})

test.group('The permission matrix decides', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('for every role × resource × permission the API answers as the matrix in the database says', async ({ assert }) => {
    const roles = await db.from('roles').select('id', 'name')
    const grants = await db.from('role_permissions').select('role_id', 'resource', 'action')
    const ids = await recordIds()
    const routes = adminRouteTable().filter((r) => r.resource !== SIGNED_IN.resource)
    let checked = 0
    for (const role of roles) {
      const staff = await createStaff(role.name)
      const agent = await new Agent().loginStaff(staff.email)
      for (const route of routes) {
        const granted = role.name === 'super_admin' || grants.some((g) => g.role_id === role.id && g.resource === route.resource && g.action === route.action)
        const reply = await send(agent, route, await urlFor(route, ids))
        if (granted) assert.notInclude([401, 403], reply.status, `${role.name} should be allowed ${route.methods[0]} ${route.pattern}: ${reply.text}`)
        else assert.equal(reply.status, 403, `${role.name} should be refused ${route.methods[0]} ${route.pattern}`)
        checked++
      }
      const meta = await agent.get('/api/admin/meta')
      for (const resource of meta.body.resources) {
        const expected = role.name === 'super_admin' ? permissionTargets().find((r) => r.name === resource.name)!.actions : grants.filter((g) => g.role_id === role.id && g.resource === resource.name).map((g) => g.action)
        assert.sameMembers(resource.permissions, expected, `${role.name} meta permissions on ${resource.name}`)
      }
    }
    assert.isAbove(checked, 100)
  }).timeout(180_000)

  test('operations may not change permissions', async ({ assert }) => {
    const ops = await createStaff('operations')
    const agent = await new Agent().loginStaff(ops.email)
    const reply = await agent.put('/api/admin/permissions/matrix/finance', { grants: { users: ['view', 'edit'] } })
    assert.equal(reply.status, 403)
    const finance = await db.from('roles').where('name', 'finance').first()
    const edit = await db.from('role_permissions').where({ role_id: finance.id, resource: 'users', action: 'edit' })
    assert.lengthOf(edit, 0)
  })

  test('super_admin grants a permission: it takes effect at once and is audited with before/after', async ({ assert }) => {
    const admin = await (await staffAgent('super_admin')).agent
    const finance = await (await staffAgent('finance')).agent
    const customer = await createCustomer()
    assert.equal((await finance.patch(`/api/admin/users/${customer.id}`, { remark: 'x' })).status, 403)

    const matrix = await admin.get('/api/admin/permissions/matrix')
    const current = matrix.body.grants.finance
    const reply = await admin.put('/api/admin/permissions/matrix/finance', { grants: { ...current, users: [...current.users, 'edit'] } })
    assert.equal(reply.status, 200)
    assert.equal((await finance.patch(`/api/admin/users/${customer.id}`, { remark: 'granted' })).status, 200)

    const [row] = await auditRows({ action: 'permissions.update', resource: 'roles' })
    assert.notInclude(row.changes.before.users, 'edit')
    assert.include(row.changes.after.users, 'edit')
  })

  test('new roles can be created and granted; unknown resources and actions are refused', async ({ assert }) => {
    const admin = await (await staffAgent('super_admin')).agent
    const created = await admin.post('/api/admin/roles', { name: 'risk_officer', label: 'Risk officer' })
    assert.equal(created.status, 201)
    const bad = await admin.put('/api/admin/permissions/matrix/risk_officer', { grants: { users: ['fly'] } })
    assert.equal(bad.status, 422)
    const unknown = await admin.put('/api/admin/permissions/matrix/risk_officer', { grants: { rockets: ['view'] } })
    assert.equal(unknown.status, 422)
    const ok = await admin.put('/api/admin/permissions/matrix/risk_officer', { grants: { 'users': ['view'], 'audit-logs': ['view'] } })
    assert.equal(ok.status, 200)
    const superEdit = await admin.put('/api/admin/permissions/matrix/super_admin', { grants: {} })
    assert.equal(superEdit.status, 400)
    const badName = await admin.post('/api/admin/roles', { name: 'Bad Name!', label: 'x' })
    assert.equal(badName.status, 422)
  })
})
