/**
 * Issue 9, section 6: what a signed-in request costs, without giving up what a session must
 * guarantee. A read writes nothing (the session row's expiry moves at most every five minutes),
 * keeps the XSRF cookie it has, and reads the session's liveness and the account in one
 * statement, so a revoked session, a frozen account or a changed role take effect on the very
 * next request even when nothing in this process was told (another app instance changed them).
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { MessageBuilder } from '@adonisjs/core/helpers'
import { randomUUID } from 'node:crypto'
import { Agent } from '#tests/support/agent'
import { createStaff } from '#tests/support/fixtures'
import { SessionRowStore, TOUCH_EVERY_MS } from '#middleware/session_row_store'

const HOUR = 3_600_000

async function sessionRows() {
  return db.from('sessions').select('id', 'data', 'expires_at').orderBy('id')
}

test.group('A signed-in request costs little', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('reads write nothing: sessions and auth_sessions stay as they were', async ({ assert }) => {
    const staff = await createStaff('operations')
    const agent = await new Agent().loginStaff(staff.email)
    const sessions = await sessionRows()
    const authRows = await db.from('auth_sessions').where('subject_id', staff.id).select('*')
    for (const path of ['/api/admin/auth/me', '/api/admin/users', '/api/admin/meta', '/api/admin/auth/me']) {
      assert.equal((await agent.get(path)).status, 200, path)
    }
    assert.deepEqual(await sessionRows(), sessions)
    assert.deepEqual(await db.from('auth_sessions').where('subject_id', staff.id).select('*'), authRows)
  })

  test('a read keeps the XSRF cookie it has, and that token still passes a mutation', async ({ assert }) => {
    const staff = await createStaff('operations')
    const agent = await new Agent().loginStaff(staff.email)
    const token = agent.cookies.get('XSRF-TOKEN')
    const read = await agent.get('/api/admin/auth/me')
    assert.equal(read.status, 200)
    assert.notInclude(read.headers.getSetCookie().join('\n'), 'XSRF-TOKEN')
    assert.equal(agent.cookies.get('XSRF-TOKEN'), token)
    // a browser that lost the cookie gets one on its next read
    agent.cookies.delete('XSRF-TOKEN')
    assert.include((await agent.get('/api/admin/auth/me')).headers.getSetCookie().join('\n'), 'XSRF-TOKEN=')
    assert.equal((await agent.post('/api/admin/auth/logout')).status, 204)
  })

  test('a JSON 404 sets no cookie', async ({ assert }) => {
    const reply = await new Agent().get('/api/no-such-thing')
    assert.equal(reply.status, 404)
    assert.deepEqual(reply.headers.getSetCookie(), [])
  })
})

test.group('What the database says takes effect on the next request', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  // each change is made in SQL, as another app instance would: nothing in this process is told

  test('a session revoked elsewhere ends at once', async ({ assert }) => {
    const staff = await createStaff('operations')
    const agent = await new Agent().loginStaff(staff.email)
    assert.equal((await agent.get('/api/admin/users')).status, 200)
    await db.from('auth_sessions').where('subject_id', staff.id).update({ revoked_at: new Date(), revoked_reason: 'test' })
    assert.equal((await agent.get('/api/admin/users')).status, 401)
    assert.equal((await agent.get('/api/admin/auth/me')).status, 401)
  })

  test('an account frozen elsewhere is refused at once', async ({ assert }) => {
    const staff = await createStaff('operations')
    const agent = await new Agent().loginStaff(staff.email)
    assert.equal((await agent.get('/api/admin/auth/me')).status, 200)
    await db.from('staff').where('id', staff.id).update({ status: 'frozen' })
    const reply = await agent.get('/api/admin/auth/me')
    assert.equal(reply.status, 401)
    assert.equal(reply.body.message, 'This account is frozen')
  })

  test('a role changed elsewhere decides the next request', async ({ assert }) => {
    const staff = await createStaff('operations')
    const [nobody] = await db.table('roles').insert({ name: 'nobody-at-all', label: 'Nobody' }).returning('*')
    const agent = await new Agent().loginStaff(staff.email)
    assert.equal((await agent.get('/api/admin/users')).status, 200)
    await db.from('staff').where('id', staff.id).update({ role_id: nobody.id })
    assert.equal((await agent.get('/api/admin/users')).status, 403)
    assert.equal((await agent.get('/api/admin/auth/me')).body.user.role.name, 'nobody-at-all')
  })
})

test.group('Session rows', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  async function storedRow(expiresIn: number) {
    const id = `row-${randomUUID()}`
    await db.table('sessions').insert({ id, data: new MessageBuilder().build({ kept: 1 }, undefined, id), expires_at: new Date(Date.now() + expiresIn) })
    return id
  }
  const expiry = async (id: string) => new Date((await db.from('sessions').where('id', id).first()).expires_at).getTime()

  test('an expiry pushed less than five minutes ago is left alone', async ({ assert }) => {
    const id = await storedRow(12 * HOUR - 60_000)
    const before = await expiry(id)
    const store = new SessionRowStore(db.connection(), '12h')
    assert.deepEqual(await store.read(id), { kept: 1 })
    await store.touch(id)
    assert.equal(await expiry(id), before)
  })

  test('an expiry pushed longer ago moves to a full lifetime from now', async ({ assert }) => {
    const id = await storedRow(12 * HOUR - TOUCH_EVERY_MS - 60_000)
    const store = new SessionRowStore(db.connection(), '12h')
    assert.deepEqual(await store.read(id), { kept: 1 })
    await store.touch(id)
    assert.approximately(await expiry(id), Date.now() + 12 * HOUR, 5_000)
  })

  test('an expired row is not read, and is deleted', async ({ assert }) => {
    const id = await storedRow(-1_000)
    assert.isNull(await new SessionRowStore(db.connection(), '12h').read(id))
    assert.isNull(await db.from('sessions').where('id', id).first())
  })
})
