/**
 * Issue 8, section 6: registration must not tell whether an email already has an account.
 * Both cases get the same status and body, take similar time, and nobody is signed in; the
 * owner of an existing address is told by email instead, and a new customer gets a welcome
 * email and signs in with the chosen password.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { Agent, TEST_PASSWORD } from '#tests/support/agent'
import { auditRows, createCustomer } from '#tests/support/fixtures'
import { outbox } from '#services/mail_outbox'

async function mailTo(email: string, subject: RegExp) {
  for (let i = 0; i < 100; i++) {
    const found = outbox.to(email).find((m) => subject.test(m.subject))
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return undefined
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

test.group('Registration does not reveal existing accounts', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.each.setup(() => outbox.clear())

  test('a taken and a free address get the same reply, and neither is signed in', async ({ assert }) => {
    const owner = await createCustomer()
    const before = await db.from('customers').where('id', owner.id).first()
    const taken = new Agent()
    const free = new Agent()
    const a = await taken.post('/api/portal/auth/register', { email: owner.email.toUpperCase(), password: 'Another-pass-123' })
    const b = await free.post('/api/portal/auth/register', { email: 'brand.new@example.test', password: 'Another-pass-123' })
    assert.equal(a.status, b.status)
    assert.equal(a.text, b.text)
    assert.equal(a.status, 202)
    assert.match(a.body.message, /sign in/i)
    assert.notProperty(a.body, 'errors')
    assert.equal((await taken.get('/api/portal/auth/me')).status, 401)
    assert.equal((await free.get('/api/portal/auth/me')).status, 401)
    // the existing account is untouched
    assert.deepEqual(await db.from('customers').where('id', owner.id).first(), before)
  })

  test('the owner of a taken address is told by email, and the attempt is audited', async ({ assert }) => {
    const owner = await createCustomer()
    await new Agent().post('/api/portal/auth/register', { email: owner.email, password: 'Another-pass-123' })
    const message = await mailTo(owner.email, /tried to create/)
    assert.exists(message, 'the owner got an email')
    assert.match(message!.text, /already have an account/)
    assert.match(message!.text, /\/login/)
    assert.notInclude(message!.text, 'Another-pass-123')
    assert.lengthOf(await auditRows({ action: 'register.existing_email', record_id: String(owner.id) }), 1)
    // the owner's password still works
    assert.equal((await new Agent().post('/api/portal/auth/login', { email: owner.email, password: TEST_PASSWORD })).status, 200)
  })

  test('a new customer gets a welcome email and signs in with the chosen password', async ({ assert }) => {
    const agent = new Agent()
    const reply = await agent.post('/api/portal/auth/register', { email: 'Fresh.Customer@Example.test', password: 'Chosen-pass-123', nickname: 'Fresh' })
    assert.equal(reply.status, 202)
    const row = await db.from('customers').where('email', 'fresh.customer@example.test').first()
    assert.exists(row)
    assert.equal(row.nickname, 'Fresh')
    assert.lengthOf(await auditRows({ action: 'register', record_id: String(row.id) }), 1)
    const welcome = await mailTo('fresh.customer@example.test', /account is ready/)
    assert.exists(welcome, 'the new customer got a welcome email')
    const login = await agent.post('/api/portal/auth/login', { email: 'fresh.customer@example.test', password: 'Chosen-pass-123' })
    assert.equal(login.status, 200)
    assert.equal((await agent.get('/api/portal/auth/me')).body.user.email, 'fresh.customer@example.test')
  })

  test('a taken address is not answered measurably faster than a free one', async ({ assert }) => {
    const owner = await createCustomer()
    const takenTimes: number[] = []
    const freeTimes: number[] = []
    const agent = new Agent()
    await agent.get('/api/portal/auth/me')
    for (let i = 0; i < 5; i++) {
      let start = performance.now()
      await agent.post('/api/portal/auth/register', { email: owner.email, password: 'Another-pass-123' })
      takenTimes.push(performance.now() - start)
      start = performance.now()
      await agent.post('/api/portal/auth/register', { email: `timing.${i}@example.test`, password: 'Another-pass-123' })
      freeTimes.push(performance.now() - start)
    }
    // both hash the password; without that a taken address answered several times faster
    assert.isAbove(median(takenTimes), median(freeTimes) * 0.5, `taken ${takenTimes} vs free ${freeTimes}`)
  })
})
