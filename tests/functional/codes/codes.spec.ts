/**
 * Redemption codes (ops-manual §积分兑换码管理; QUALITY.md scenarios 1, 2, 7, 13): generation
 * and storage (nothing but a keyed hash and the last 4 characters), lookup by the full code,
 * redemption from the portal with every refusal, brute-force lockout, void, and expiry by the
 * job and by time. The ledger invariants are checked after every test that moves money.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { limiterIn } from '#services/throttle'
import { Agent } from '#tests/support/agent'
import { auditRows, createCustomer, createStaff } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, units } from '#tests/support/ledger'
import { csvObjects } from '#tests/support/csv'
import jobs from '#services/jobs'
import { SYSTEM_ACTOR } from '#services/audit'
import { hashCode, normaliseCode } from '#services/codes/code_format'
import redeemCode, { REDEEM_LIMITS } from '#actions/codes/redeem_code'
import { answered, runUseCase } from '#tests/support/use_cases'

const CODE = /^VEO-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/
const GENERATE = '/api/admin/redemption-codes/actions/generate'
const REDEEM = '/api/portal/wallet/redeem'
const NO_FACTS = { ip: null, userAgent: null, requestId: null }

/**
 * Signed-in staff and customers shared by the tests of a group: created (committed) and signed
 * in once in group.setup, outside the per-test transaction, and removed in group.teardown. The
 * sign-in endpoints are throttled per IP (60 a minute), so tests cannot sign in afresh each
 * time. What a test does with them (codes, money) is still rolled back after it.
 */
class SignedIn {
  staffByRole = new Map<string, { staff: { id: number; email: string }; agent: Agent }>()
  customers: Array<{ customer: { id: number; email: string }; agent: Agent }> = []

  async prepare(roles: string[], customers: number) {
    for (const role of roles) {
      const staff = await createStaff(role)
      this.staffByRole.set(role, { staff, agent: await new Agent().loginStaff(staff.email) })
    }
    for (let i = 0; i < customers; i++) {
      const customer = await createCustomer()
      this.customers.push({ customer, agent: await new Agent().loginCustomer(customer.email) })
    }
  }

  staff(role = 'operations') {
    return this.staffByRole.get(role)!
  }

  customer(index = 0) {
    return this.customers[index]
  }

  async clearLocks() {
    await clearRedeemLocks()
    for (const { customer } of this.customers) await limiterIn(db.connection(), REDEEM_LIMITS.perCustomer).delete(`redeem:customer:${customer.id}`)
  }

  async release() {
    await this.clearLocks()
    const customerIds = this.customers.map((c) => c.customer.id)
    const staffIds = [...this.staffByRole.values()].map((s) => s.staff.id)
    if (customerIds.length) await db.from('customers').whereIn('id', customerIds).delete()
    if (staffIds.length) await db.from('staff').whereIn('id', staffIds).delete()
    this.staffByRole.clear()
    this.customers = []
  }
}

function useSignedIn(group: any, roles: string[], customers: number) {
  const pool = new SignedIn()
  group.setup(async () => {
    await pool.prepare(roles, customers)
    return () => pool.release()
  })
  group.each.setup(async () => {
    await pool.clearLocks()
    return testUtils.db().wrapInGlobalTransaction()
  })
  return pool
}

/** A customer of its own, signed in inside the test (for tests that freeze or lock one). */
async function freshCustomer(overrides: Record<string, unknown> = {}) {
  const customer = await createCustomer(overrides)
  return { customer, agent: await new Agent().loginCustomer(customer.email) }
}

async function generate(agent: Agent, body: Record<string, unknown> = {}) {
  const reply = await agent.post(GENERATE, { count: 3, amount: '10', bucket: 'cash', package: 'Starter', ...body })
  if (reply.status !== 200) throw new Error(`generate failed: ${reply.status} ${reply.text}`)
  return reply.body.result as { batch_id: string; count: number; codes: string[]; txt: string; csv: string; expires_at: string }
}

async function codeRow(code: string) {
  return db.from('redemption_codes').where('code_hash', hashCode(normaliseCode(code)!.code)).first()
}

/** Failed-attempt counters (rate_limits, written in the redemption's transaction): clear this IP's between tests, through the test's own connection. */
async function clearRedeemLocks() {
  for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '203.0.113.7']) await limiterIn(db.connection(), REDEEM_LIMITS.perIp).delete(`redeem:ip:${ip}`)
}

test.group('Codes / generation and storage', (group) => {
  const signedIn = useSignedIn(group, ['operations', 'finance', 'support', 'auditor'], 1)

  test('generates the requested count in the PREFIX-XXXX-XXXX format, unique, with txt and CSV files', async ({ assert }) => {
    const { agent, staff } = signedIn.staff()
    const reply = await agent.post(GENERATE, { count: 50, amount: '12.5', bucket: 'cash', package: 'Pro pack', valid_days: 10, remark: 'offline sale' })
    assert.equal(reply.status, 200, reply.text)
    const result = reply.body.result
    assert.equal(result.count, 50)
    assert.lengthOf(result.codes, 50)
    assert.equal(new Set(result.codes).size, 50)
    for (const code of result.codes) assert.match(code, CODE)
    assert.match(result.batch_id, /^B\d{8}-[A-HJ-NP-Z2-9]{4}$/)
    assert.deepEqual(result.txt.trim().split('\r\n'), result.codes)
    const csv = csvObjects(result.csv)
    assert.deepEqual(csv.header, ['code', 'amount', 'asset', 'credited_to', 'package', 'expires_at', 'batch_id'])
    assert.deepEqual(csv.rows.map((r) => r.code), result.codes)
    assert.equal(csv.rows[0].amount, '12.500000')

    const rows = await db.from('redemption_codes').where('batch_id', result.batch_id)
    assert.lengthOf(rows, 50)
    for (const row of rows) {
      assert.equal(row.status, 'ACTIVE')
      assert.equal(row.amount, String(units('12.5')))
      assert.equal(row.created_by, staff.id)
      const days = (new Date(row.expires_at).getTime() - Date.now()) / 86400_000
      assert.closeTo(days, 10, 0.01)
    }
    assert.sameMembers(
      rows.map((r) => r.last4),
      result.codes.map((c: string) => c.slice(-4))
    )
    assert.sameMembers(
      rows.map((r) => r.code_hash),
      result.codes.map((c: string) => hashCode(c))
    )

    // the audit row names the batch, count and amount, and holds no code
    const [audit] = await auditRows({ action: 'generate', resource: 'redemption-codes', actor_id: staff.id })
    assert.equal(audit.metadata.batchId, result.batch_id)
    assert.equal(audit.metadata.count, 50)
    assert.equal(audit.metadata.amount, '12.500000')
    for (const code of result.codes) assert.notInclude(JSON.stringify(audit), code.slice(4))
  })

  test('nothing but the hash and the last 4 characters is stored: no column of any table holds a code', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const { codes } = await generate(agent, { count: 20, bucket: 'gift', gift_validity_days: 7 })
    // and after a redemption, a void and an expiry run, still nothing
    const { agent: portal } = signedIn.customer()
    assert.equal((await portal.post(REDEEM, { code: codes[0].toLowerCase() })).status, 201)
    const voidee = await codeRow(codes[1])
    assert.equal((await agent.post(`/api/admin/redemption-codes/${voidee.id}/actions/void`, { reason: 'sent by mistake' })).status, 200)
    await portal.post(REDEEM, { code: 'VEO-ZZZZ-ZZZZ' })

    const bodies = codes.map((c) => c.slice(4).replace('-', '-?'))
    const pattern = bodies.join('|')
    const tables = await db.rawQuery(
      `SELECT table_schema, table_name FROM information_schema.tables
       WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`
    )
    assert.isAbove(tables.rows.length, 10)
    const holding: string[] = []
    for (const t of tables.rows) {
      const { rows } = await db.rawQuery(`SELECT count(*)::int AS n FROM "${t.table_schema}"."${t.table_name}" x WHERE x::text ~ ?`, [pattern])
      if (rows[0].n > 0) holding.push(`${t.table_schema}.${t.table_name}`)
    }
    assert.deepEqual(holding, [])
    await assertLedgerHolds(assert)
  })

  test('count, amount and bucket are checked: 0, 1001, fractions, "1e3", numbers, negatives are field errors, nothing written', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const before = await db.from('redemption_codes').count('* as n').first()
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ count: 0 }, 'count'],
      [{ count: 1001 }, 'count'],
      [{ count: 2.5 }, 'count'],
      [{ count: '3' }, 'count'],
      [{ amount: '0' }, 'amount'],
      [{ amount: '-1' }, 'amount'],
      [{ amount: '1e3' }, 'amount'],
      [{ amount: 10 }, 'amount'],
      [{ amount: '0.0000001' }, 'amount'],
      [{ amount: '99999999999999999999' }, 'amount'],
      [{ bucket: 'bonus' }, 'bucket'],
      [{ valid_days: 0 }, 'valid_days'],
      [{ gift_validity_days: 1.5, bucket: 'gift' }, 'gift_validity_days'],
      [{ package: 'x'.repeat(81) }, 'package'],
      [{ remark: 'bell\u0007char' }, 'remark'],
    ]
    for (const [change, field] of bad) {
      const reply = await agent.post(GENERATE, { count: 2, amount: '5', bucket: 'cash', ...change })
      assert.equal(reply.status, 422, `${JSON.stringify(change)}: ${reply.text}`)
      assert.equal(reply.body.errors[0].field, field, JSON.stringify(change))
    }
    assert.equal((await agent.post(GENERATE, { count: 2, amount: '5', bucket: 'cash', code_hash: 'x' })).status, 422)
    const after = await db.from('redemption_codes').count('* as n').first()
    assert.equal(after.n, before.n)
  })

  test('1000 codes in one request; gift codes default to 30 days of gift validity', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const result = await generate(agent, { count: 1000, bucket: 'gift' })
    assert.equal(new Set(result.codes).size, 1000)
    const row = await codeRow(result.codes[999])
    assert.equal(row.bucket, 'gift')
    assert.equal(row.gift_validity_days, 30)
    const days = (new Date(row.expires_at).getTime() - Date.now()) / 86400_000
    assert.closeTo(days, 30, 0.01)
  }).timeout(30_000)

  test('who may generate: operations yes; finance and support no (403, audited)', async ({ assert }) => {
    for (const role of ['finance', 'support', 'auditor']) {
      const { agent, staff } = signedIn.staff(role)
      assert.equal((await agent.post(GENERATE, { count: 1, amount: '1', bucket: 'cash' })).status, 403, role)
      assert.lengthOf(await auditRows({ action: 'access.denied', actor_id: staff.id }), 1)
    }
  })

  test('the meta describes statuses with the manual colours and the generate and void actions', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const meta = await agent.get('/api/admin/meta')
    const resource = meta.body.resources.find((r: any) => r.name === 'redemption-codes')
    const status = resource.fields.find((f: any) => f.name === 'status')
    assert.deepEqual(
      status.options.map((o: any) => [o.value, o.color]),
      [
        ['ACTIVE', 'green'],
        ['REDEEMED', 'default'],
        ['EXPIRED', 'orange'],
        ['VOIDED', 'red'],
      ]
    )
    assert.sameMembers(resource.permissions, ['view', 'generate', 'export', 'void'])
    assert.deepEqual(
      resource.actions.map((a: any) => [a.name, a.scope]),
      [
        ['generate', 'collection'],
        ['void', 'record'],
      ]
    )
  })
})

test.group('Codes / lookup and the console list', (group) => {
  const signedIn = useSignedIn(group, ['operations', 'support'], 1)

  test('support finds a code by typing it in full, in any case, with spaces or without dashes', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const { codes, batch_id } = await generate(agent)
    const { agent: support } = signedIn.staff('support')
    const code = codes[1]
    const body = code.slice(4)
    for (const typed of [code, code.toLowerCase(), `veo ${body.slice(0, 4)} ${body.slice(5)}`, code.replace(/-/g, ''), ` ${body} `]) {
      const reply = await support.get(`/api/admin/code-lookup?code=${encodeURIComponent(typed)}`)
      assert.equal(reply.status, 200, `${typed}: ${reply.text}`)
      assert.equal(reply.body.batch_id, batch_id)
      assert.equal(reply.body.code, `VEO-••••-${code.slice(-4)}`)
      assert.equal(reply.body.status, 'ACTIVE')
      assert.notProperty(reply.body, 'code_hash')
    }
    assert.equal((await support.get('/api/admin/code-lookup?code=VEO-ZZZZ-ZZZZ')).status, 404)
    assert.oneOf((await support.get('/api/admin/code-lookup?code=not%00a%20code')).status, [400, 404])
    assert.equal((await support.get('/api/admin/code-lookup')).status, 422)
    const [role] = await db.table('roles').insert({ name: 'no_codes', label: 'No codes' }).returning('*')
    const outsider = await createStaff('support', { role_id: role.id })
    const denied = await (await new Agent().loginStaff(outsider.email)).get(`/api/admin/code-lookup?code=${code}`)
    assert.equal(denied.status, 403)
  })

  test('the list shows masked codes, who redeemed and when, and filters by status, batch, package, dates and customer', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const first = await generate(agent, { count: 3, package: 'Alpha' })
    const second = await generate(agent, { count: 2, package: 'Beta' })
    const { customer, agent: portal } = signedIn.customer()
    assert.equal((await portal.post(REDEEM, { code: first.codes[0] })).status, 201)

    const list = async (query: string) => {
      const reply = await agent.get(`/api/admin/redemption-codes?${query}`)
      assert.equal(reply.status, 200, `${query}: ${reply.text}`)
      return reply.body as any[]
    }
    const redeemed = await list(`redeemed_by=${customer.id}`)
    assert.lengthOf(redeemed, 1)
    assert.equal(redeemed[0].status, 'REDEEMED')
    assert.equal(redeemed[0].code, `VEO-••••-${first.codes[0].slice(-4)}`)
    assert.isString(redeemed[0].redeemed_at)
    assert.isNumber(redeemed[0].transaction_id)
    for (const row of redeemed) assert.notProperty(row, 'code_hash')

    assert.lengthOf(await list(`batch_id=${first.batch_id}&status=ACTIVE`), 2)
    assert.lengthOf(await list(`batch_id=${first.batch_id}&batch_id=${second.batch_id}`), 5)
    assert.lengthOf(await list(`package=Beta&batch_id=${second.batch_id}`), 2)
    assert.lengthOf(await list(`batch_id=${second.batch_id}&created_at_gte=${new Date(Date.now() - 60_000).toISOString()}`), 2)
    assert.lengthOf(await list(`batch_id=${second.batch_id}&expires_at_lte=${new Date().toISOString()}`), 0)
    assert.lengthOf(await list(`batch_id=${first.batch_id}&redeemed_at_gte=${new Date(Date.now() - 60_000).toISOString()}`), 1)
    assert.equal((await agent.get('/api/admin/redemption-codes?code_hash=abc')).status, 400)

    const exported = await agent.get(`/api/admin/redemption-codes/export?batch_id=${first.batch_id}`)
    assert.equal(exported.status, 200)
    assert.lengthOf(csvObjects(exported.text).rows, 3)
    for (const code of first.codes) assert.notInclude(exported.text, code.slice(4))
    await assertLedgerHolds(assert)
  })
})

test.group('Codes / redemption', (group) => {
  const signedIn = useSignedIn(group, ['operations'], 2)

  test('a cash code credits the cash bucket once, from code liability, with key redeem:<id>; any spelling works', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const { codes } = await generate(agent, { amount: '25.5' })
    const { customer, agent: portal } = signedIn.customer()
    const body = codes[0].slice(4)
    const reply = await portal.post(REDEEM, { code: `veo ${body.slice(0, 4).toLowerCase()} ${body.slice(5)}` })
    assert.equal(reply.status, 201, reply.text)
    assert.equal(reply.body.redemption.amount, '25.500000')
    assert.equal(reply.body.redemption.bucket, 'cash')
    assert.equal(reply.body.message, 'Code redeemed: 25.50 USD added to your balance')
    assert.deepEqual(reply.body.credited, { bucket: 'cash', amount: '25.500000', asset: 'USD', expires_at: null })
    assert.equal((await balances(customer.id)).cash, units('25.5'))

    const row = await codeRow(codes[0])
    assert.equal(row.status, 'REDEEMED')
    assert.equal(Number(row.redeemed_by), customer.id)
    assert.isNotNull(row.redeemed_at)
    const tx = await db.from('ledger_transactions').where('id', row.transaction_id).first()
    assert.equal(tx.type, 'redeem')
    assert.equal(tx.idempotency_key, `redeem:${row.id}`)
    assert.equal(tx.reference_type, 'redemption_code')
    assert.equal(tx.reference_id, String(row.id))
    assert.equal(tx.actor_type, 'customer')
    const entries = await db.from('ledger_entries').join('ledger_accounts', 'ledger_accounts.id', 'ledger_entries.account_id').where('transaction_id', tx.id)
    assert.sameMembers(
      entries.map((e) => `${e.code}:${e.amount}`),
      [`code_liability:${-units('25.5')}`, `cash:${units('25.5')}`]
    )
    const [audit] = await auditRows({ action: 'redeem', resource: 'redemption-codes', record_id: String(row.id) })
    assert.equal(audit.actor_type, 'customer')
    assert.equal(Number(audit.actor_id), customer.id)

    // "VEOABCDEFGH" works too (on another code)
    assert.equal((await portal.post(REDEEM, { code: codes[1].replace(/-/g, '') })).status, 201)
    assert.equal((await balances(customer.id)).cash, units('51'))
    await assertLedgerHolds(assert)
  })

  test('a gift code lands in the gift bucket as a lot that expires after the gift validity', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const { codes } = await generate(agent, { bucket: 'gift', gift_validity_days: 14, amount: '3' })
    const { customer, agent: portal } = signedIn.customer()
    const reply = await portal.post(REDEEM, { code: codes[0] })
    assert.equal(reply.status, 201)
    const b = await balances(customer.id)
    assert.equal(b.gift, units('3'))
    assert.equal(b.cash, 0n)
    const lot = await db.from('gift_lots').where('transaction_id', reply.body.redemption.transaction_id).first()
    assert.equal(lot.source_type, 'redemption_code')
    assert.closeTo((new Date(lot.expires_at).getTime() - Date.now()) / 86400_000, 14, 0.01)
    assert.equal(reply.body.redemption.gift_expires_at, new Date(lot.expires_at).toISOString())
    const wallet = await portal.get('/api/portal/wallet')
    assert.equal(wallet.body.gift, '3.000000')
    await assertLedgerHolds(assert)
  })

  test('the same customer submitting the same code again gets the original result; nothing moves twice', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const { codes } = await generate(agent)
    const { customer, agent: portal } = signedIn.customer()
    const first = await portal.post(REDEEM, { code: codes[0] })
    const again = await portal.post(REDEEM, { code: codes[0].toLowerCase() })
    assert.equal(first.status, 201)
    assert.equal(again.status, 200)
    assert.equal(again.headers.get('idempotency-replayed'), 'true')
    assert.deepEqual(again.body.redemption, first.body.redemption)
    assert.equal((await balances(customer.id)).cash, units('10'))
    const row = await codeRow(codes[0])
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', `redeem:${row.id}`), 1)
    await assertLedgerHolds(assert)
  })

  test('clear refusals: malformed, unknown, already redeemed, voided, expired (by time and by status); nothing credited', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const { codes } = await generate(agent, { count: 5 })
    const winner = signedIn.customer(1)
    assert.equal((await winner.agent.post(REDEEM, { code: codes[0] })).status, 201)
    const voided = await codeRow(codes[1])
    assert.equal((await agent.post(`/api/admin/redemption-codes/${voided.id}/actions/void`, { reason: 'refunded offline' })).status, 200)
    await db.from('redemption_codes').where('id', (await codeRow(codes[2])).id).update({ expires_at: new Date(Date.now() - 1000) })
    await db.from('redemption_codes').where('id', (await codeRow(codes[3])).id).update({ status: 'EXPIRED', expires_at: new Date('2026-01-02T00:00:00Z') })

    const { customer, agent: portal } = signedIn.customer(0)
    const cases: Array<[string, string, RegExp]> = [
      ['hello', 'format', /^That is not a valid code\. Codes look like VEO-XXXX-XXXX\.$/],
      ['VEO-ZZZZ-ZZZZ', 'not_found', /^This code does not exist\. Check it and try again\.$/],
      [codes[0], 'redeemed', /^This code has already been redeemed\.$/],
      [codes[1], 'voided', /^This code has been cancelled and can no longer be redeemed\.$/],
      [codes[2], 'expired', /^This code expired on \d{4}-\d{2}-\d{2}\.$/],
    ]
    for (const [i, [code, rule, message]] of cases.entries()) {
      // failures count towards the lockout: start each case from a clean slate
      await signedIn.clearLocks()
      const reply = await portal.post(REDEEM, { code })
      assert.equal(reply.status, 422, `${rule}: ${reply.text}`)
      assert.match(reply.body.message, message)
      assert.deepEqual(reply.body.errors.map((e: any) => [e.field, e.rule]), [['code', rule]])
      assert.lengthOf(await auditRows({ action: 'redeem.failed', actor_id: customer.id }), i + 1)
    }
    const expired = await portal.post(REDEEM, { code: codes[3] })
    assert.equal(expired.status, 422, expired.text)
    assert.equal(expired.body.message, 'This code expired on 2026-01-02.')
    const b = await balances(customer.id)
    assert.equal(b.cash + b.gift, 0n)
    // the code that expired by time was not redeemed, and is still ACTIVE until the job runs
    assert.equal((await codeRow(codes[2])).status, 'ACTIVE')
    await assertLedgerHolds(assert)
  })

  test('bad bodies: missing, wrong type, unknown fields → 422; no session → 401', async ({ assert }) => {
    const { agent: portal } = signedIn.customer()
    for (const body of [{}, { code: 12345 }, { code: ['VEO-AAAA-BBBB'] }, { code: '' }, { code: 'VEO-AAAA-BBBB', amount: '100' }]) {
      const reply = await portal.post(REDEEM, body)
      assert.equal(reply.status, 422, `${JSON.stringify(body)}: ${reply.text}`)
      assert.isString(reply.body.message)
    }
    assert.equal((await new Agent().post(REDEEM, { code: 'VEO-AAAA-BBBB' })).status, 401)
  })

  test('a frozen customer cannot redeem: the session ends (401) and the use case refuses (403); nothing credited', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const { codes } = await generate(agent)
    const { customer, agent: portal } = await freshCustomer()
    await db.from('customers').where('id', customer.id).update({ frozen: true })
    assert.equal((await portal.post(REDEEM, { code: codes[0] })).status, 401)
    const actor = { type: 'customer' as const, id: customer.id, label: customer.email, role: null }
    await assert.rejects(() => answered(runUseCase(redeemCode, { customerId: customer.id, code: codes[0] }, { actor })), /frozen/)
    assert.equal((await codeRow(codes[0])).status, 'ACTIVE')
    assert.equal((await balances(customer.id)).cash, 0n)
    await assertLedgerHolds(assert)
  })

  test('brute force: 5 failures lock the customer (429 with retryAfter), even for a valid code; others are not locked', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const { codes } = await generate(agent)
    const { customer, agent: portal } = signedIn.customer(0)
    for (let i = 0; i < 5; i++) assert.equal((await portal.post(REDEEM, { code: `VEO-ZZZZ-ZZZ${'ABCDE'[i]}` })).status, 422)
    const locked = await portal.post(REDEEM, { code: codes[0] })
    assert.equal(locked.status, 429)
    assert.match(locked.body.message, /^Too many failed attempts to redeem a code\. Try again in \d+ (seconds|minutes)\.$/)
    assert.isAbove(locked.body.retryAfter, 60)
    assert.equal(locked.headers.get('retry-after'), String(locked.body.retryAfter))
    assert.equal((await codeRow(codes[0])).status, 'ACTIVE')
    assert.equal((await balances(customer.id)).cash, 0n)
    assert.isAtLeast((await auditRows({ action: 'redeem.locked', actor_id: customer.id })).length, 1)

    const other = signedIn.customer(1)
    assert.equal((await other.agent.post(REDEEM, { code: codes[0] })).status, 201)
    await assertLedgerHolds(assert)
  })

  test('brute force across many customers from one IP locks that IP', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const { codes } = await generate(agent)
    const ip = '203.0.113.7'
    let refused = 0
    let lockedAt = -1
    for (let c = 0; c < 6 && lockedAt < 0; c++) {
      const customer = await createCustomer()
      const actor = { type: 'customer' as const, id: customer.id, label: customer.email, role: null }
      for (let i = 0; i < 4; i++) {
        try {
          await answered(runUseCase(redeemCode, { customerId: customer.id, code: `VEO-ZZZZ-ZZ${'ABCDEFGH'[c]}${'JKLM'[i]}` }, { actor, facts: { ...NO_FACTS, ip } }))
        } catch (error: any) {
          if (error.status === 429) {
            lockedAt = refused
            break
          }
          assert.equal(error.status, 422)
          refused++
        }
      }
    }
    assert.equal(lockedAt, REDEEM_LIMITS.perIp.requests)
    const fresh = await createCustomer()
    const actor = { type: 'customer' as const, id: fresh.id, label: fresh.email, role: null }
    await assert.rejects(() => answered(runUseCase(redeemCode, { customerId: fresh.id, code: codes[0] }, { actor, facts: { ...NO_FACTS, ip } })), /Too many failed attempts/)
    assert.equal((await codeRow(codes[0])).status, 'ACTIVE')
  })
})

test.group('Codes / void and expiry', (group) => {
  const signedIn = useSignedIn(group, ['operations', 'finance'], 2)

  test('void needs a reason, works only from ACTIVE, is irreversible and audited', async ({ assert }) => {
    const { agent, staff } = signedIn.staff()
    const { codes } = await generate(agent, { count: 2 })
    const row = await codeRow(codes[0])
    const url = `/api/admin/redemption-codes/${row.id}/actions/void`
    const noReason = await agent.post(url, {})
    assert.equal(noReason.status, 422)
    assert.equal(noReason.body.errors[0].field, 'reason')
    const reply = await agent.post(url, { reason: 'Sent to the wrong customer' })
    assert.equal(reply.status, 200, reply.text)
    assert.equal(reply.body.record.status, 'VOIDED')
    const voided = await codeRow(codes[0])
    assert.equal(voided.void_reason, 'Sent to the wrong customer')
    assert.equal(voided.voided_by, staff.id)
    const [audit] = await auditRows({ action: 'void', resource: 'redemption-codes', record_id: String(row.id) })
    assert.equal(audit.reason, 'Sent to the wrong customer')
    assert.deepEqual(audit.changes.before.status, 'ACTIVE')
    assert.deepEqual(audit.changes.after.status, 'VOIDED')

    const again = await agent.post(url, { reason: 'once more' })
    assert.equal(again.status, 400)
    assert.match(again.body.message, /Only an active code can be voided; this one is voided/)

    assert.equal((await signedIn.customer().agent.post(REDEEM, { code: codes[1] })).status, 201)
    const redeemed = await codeRow(codes[1])
    assert.equal((await agent.post(`/api/admin/redemption-codes/${redeemed.id}/actions/void`, { reason: 'too late' })).status, 400)
    const { agent: finance } = signedIn.staff('finance')
    assert.equal((await finance.post(`/api/admin/redemption-codes/${redeemed.id}/actions/void`, { reason: 'finance tries' })).status, 403)
    await assertLedgerHolds(assert)
  })

  test('the expiry job flips ACTIVE codes past their time to EXPIRED, audited as the system; others untouched', async ({ assert }) => {
    const { agent } = signedIn.staff()
    const { codes } = await generate(agent, { count: 4 })
    const [due1, due2, notDue, redeemedCode] = [await codeRow(codes[0]), await codeRow(codes[1]), await codeRow(codes[2]), await codeRow(codes[3])]
    await db.from('redemption_codes').whereIn('id', [due1.id, due2.id]).update({ expires_at: new Date(Date.now() - 60_000) })
    assert.equal((await signedIn.customer(0).agent.post(REDEEM, { code: codes[3] })).status, 201)
    await db.from('redemption_codes').where('id', redeemedCode.id).update({ expires_at: new Date(Date.now() - 60_000) })

    await jobs.run('codes-expire')
    const status = async (row: any) => (await db.from('redemption_codes').where('id', row.id).first()).status
    assert.equal(await status(due1), 'EXPIRED')
    assert.equal(await status(due2), 'EXPIRED')
    assert.equal(await status(notDue), 'ACTIVE')
    assert.equal(await status(redeemedCode), 'REDEEMED')
    const [audit] = await auditRows({ action: 'expire', resource: 'redemption-codes', record_id: String(due1.id) })
    assert.equal(audit.actor_type, SYSTEM_ACTOR.type)
    assert.deepEqual(audit.changes, { before: { status: 'ACTIVE' }, after: { status: 'EXPIRED' } })

    // a second run changes nothing
    await jobs.run('codes-expire')
    assert.lengthOf(await auditRows({ action: 'expire', resource: 'redemption-codes', record_id: String(due1.id) }), 1)
    const refused = await signedIn.customer(1).agent.post(REDEEM, { code: codes[0] })
    assert.equal(refused.status, 422)
    assert.equal(refused.body.errors[0].rule, 'expired')
    await assertLedgerHolds(assert)
  })
})
