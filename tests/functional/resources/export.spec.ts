/**
 * CSV export (QUALITY.md scenario 16): the rows are exactly the filtered list, formula cells
 * are neutralised, RFC 4180 escaping round-trips, sensitive columns follow view_sensitive,
 * the export is audited, and a client that goes away mid-stream releases the cursor and its
 * transaction.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { Agent } from '#tests/support/agent'
import { auditRows, createCustomer, createCustomers, createStaff } from '#tests/support/fixtures'
import { assertLedgerHolds, fundCash } from '#tests/support/ledger'
import { csvObjects } from '#tests/support/csv'
import { staffAgent } from '#tests/support/agents'

const TIERS = ['free', 'basic', 'pro', 'enterprise']

async function seed(count = 30) {
  await db.from('customers').delete()
  const rows = await createCustomers(count, (i) => ({
    email: `export.${i}@export.test`,
    nickname: `Customer ${i}`,
    phone: i % 3 === 0 ? `+44 20 7946 ${String(1000 + i)}` : null,
    tier: TIERS[i % 4],
    frozen: i % 5 === 0,
    tags: i % 2 ? ['vip', 'early'] : [],
    created_at: new Date(Date.UTC(2026, 0, 1 + i, 12)),
  }))
  return rows.map((r: any) => ({ ...r, id: Number(r.id) }))
}

async function login(role: string) {
  return (await staffAgent(role)).agent
}

async function exportCsv(agent: Agent, query = '') {
  const reply = await agent.get(`/api/admin/users/export${query ? '?' + query : ''}`)
  return { ...reply, csv: reply.status === 200 ? csvObjects(reply.text) : undefined }
}

async function listTotal(agent: Agent, query: string) {
  const reply = await agent.get(`/api/admin/users?${query}`)
  return { total: Number(reply.headers.get('x-total-count')), ids: reply.body.map((r: any) => String(r.id)) as string[] }
}

async function exportAudits() {
  return auditRows({ action: 'export', resource: 'users' })
}

test.group('Export', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('the exported rows are exactly the filtered list: count equals X-Total-Count, same ids, same order', async ({ assert }) => {
    await seed()
    const agent = await login('super_admin')
    for (const query of ['tier=pro&tier=free&frozen=false', 'created_at_gte=2026-01-10&created_at_lte=2026-01-20', 'q=customer 1', '', 'tier=enterprise&_sort=created_at&_order=asc']) {
      const reply = await exportCsv(agent, query)
      assert.equal(reply.status, 200, `${query}: ${reply.text}`)
      assert.match(reply.headers.get('content-type')!, /^text\/csv/)
      assert.match(reply.headers.get('content-disposition')!, /^attachment; filename="users-\d+\.csv"$/)
      const list = await listTotal(agent, query)
      assert.lengthOf(reply.csv!.rows, list.total, query)
      assert.deepEqual(
        reply.csv!.rows.map((r) => r.ID),
        list.ids,
        query
      )
    }
    const none = await exportCsv(agent, 'tier=pro&q=nobody-at-all')
    assert.equal(none.status, 200)
    assert.lengthOf(none.csv!.rows, 0)
    assert.include(none.csv!.header, 'Email')
  })

  test('the header row has every readable column and no write-only one', async ({ assert }) => {
    await seed(2)
    const reply = await exportCsv(await login('super_admin'))
    assert.includeMembers(reply.csv!.header, ['ID', 'Email', 'Nickname', 'Phone', 'Tier', 'Frozen', 'Tags', 'Remark', 'Created'])
    assert.notInclude(reply.text.toLowerCase(), 'password')
    assert.notInclude(reply.text, '$scrypt')
  })

  test('cells starting with = + - @ tab or CR are neutralised with a leading quote', async ({ assert }) => {
    await db.from('customers').delete()
    const dangerous = ['=HYPERLINK("http://evil.test","click")', '+1+2', '-3+4', '@SUM(A1:A9)', '\t=1+1', '\rcmd|/c calc', '=cmd|\'/c calc\'!A0']
    const rows = await createCustomers(dangerous.length, (i) => ({
      email: `formula.${i}@export.test`,
      nickname: dangerous[i],
      remark: dangerous[dangerous.length - 1 - i],
      tags: [dangerous[i].slice(0, 30)],
    }))
    await createCustomers(1, () => ({ email: 'plain@export.test', nickname: 'Plain 1-2', remark: 'a=b', tags: ['x'] }))
    const reply = await exportCsv(await login('super_admin'), '_sort=id&_order=asc')
    assert.equal(reply.status, 200)
    const byEmail = new Map(reply.csv!.rows.map((r) => [r.Email, r]))
    for (const [i] of rows.entries()) {
      const row = byEmail.get(`formula.${i}@export.test`)!
      assert.equal(row.Nickname, `'${dangerous[i]}`, JSON.stringify(dangerous[i]))
      assert.equal(row.Remark, `'${dangerous[dangerous.length - 1 - i]}`)
      assert.equal(row.Tags, `'${dangerous[i].slice(0, 30)}`)
    }
    // no cell of the file starts with a formula character
    for (const row of reply.csv!.rows) {
      for (const [column, cell] of Object.entries(row)) {
        assert.notMatch(cell, /^[=+\-@\t\r]/, `${column} = ${JSON.stringify(cell)}`)
      }
    }
    const plain = byEmail.get('plain@export.test')!
    assert.equal(plain.Nickname, 'Plain 1-2')
    assert.equal(plain.Remark, 'a=b')
  })

  test('a negative amount is exported as a plain number, not as neutralised text', async ({ assert }) => {
    const customer = await createCustomer()
    await fundCash(customer.id, '9.9')
    const recharge = await db.from('ledger_transactions').where('customer_id', customer.id).orderBy('id', 'desc').first()
    const reply = await (await login('finance')).get(`/api/admin/ledger-entries/export?transaction_id=${recharge.id}&_sort=amount&_order=asc`)
    assert.equal(reply.status, 200, reply.text)
    const { rows } = csvObjects(reply.text)
    assert.deepEqual(rows.map((r) => r.Amount), ['-9.900000', '9.900000'])
    // the cell itself is bare: a spreadsheet reads a number it can sum
    const [, firstLine] = reply.text.split('\r\n')
    assert.include(firstLine.split(','), '-9.900000')
    assert.notInclude(reply.text, "'-9.9")
    await assertLedgerHolds(assert)
  })

  test('a nickname that is a plain negative number stays one; look-alike formulas are still neutralised', async ({ assert }) => {
    await db.from('customers').delete()
    await createCustomers(3, (i) => ({ email: `number.${i}@export.test`, nickname: ['-5', '-5+5', '-1e3'][i] }))
    const reply = await exportCsv(await login('super_admin'), '_sort=id&_order=asc')
    assert.deepEqual(reply.csv!.rows.map((r) => r.Nickname), ['-5', "'-5+5", "'-1e3"])
  })

  test('quotes, commas and line breaks are escaped per RFC 4180 and read back unchanged', async ({ assert }) => {
    await db.from('customers').delete()
    const values = [
      'He said "hi", then left',
      'line one\nline two',
      'windows\r\nbreak',
      '"quoted"',
      'trailing comma,',
      '  padded  ',
      'unicode ✓ 中文 "引号"',
      '',
    ]
    await createCustomers(values.length, (i) => ({ email: `escape.${i}@export.test`, nickname: `N${i}`, remark: values[i] }))
    const reply = await exportCsv(await login('super_admin'), '_sort=id&_order=asc')
    assert.equal(reply.status, 200)
    assert.lengthOf(reply.csv!.rows, values.length)
    const remarks = new Map(reply.csv!.rows.map((r) => [r.Email, r.Remark]))
    values.forEach((value, i) => assert.equal(remarks.get(`escape.${i}@export.test`), value, JSON.stringify(value)))
    // every record ends with CRLF; a bare LF appears only inside a quoted cell
    assert.isTrue(reply.text.endsWith('\r\n'))
  })

  test('sensitive columns are masked for finance and clear for super_admin', async ({ assert }) => {
    const rows = await seed()
    const withPhone = rows.find((r) => r.phone)!
    const finance = await exportCsv(await login('finance'), `id=${withPhone.id}&id=${rows[1].id}`)
    assert.equal(finance.status, 200, finance.text)
    const masked = finance.csv!.rows.find((r) => r.ID === String(withPhone.id))!
    assert.notEqual(masked.Email, withPhone.email)
    assert.match(masked.Email, /^e•+@export\.test$/)
    assert.equal(masked.Phone, `••••${withPhone.phone.slice(-4)}`)
    const full = await exportCsv(await login('finance'))
    for (const row of rows) assert.notInclude(full.text, row.email)

    const admin = await exportCsv(await login('super_admin'), `id=${withPhone.id}`)
    assert.equal(admin.csv!.rows[0].Email, withPhone.email)
    // a phone number starts with "+", so it is neutralised like any other formula-looking cell
    assert.equal(admin.csv!.rows[0].Phone, `'${withPhone.phone}`)
  })

  test('a role without export on users (support) is refused with 403 and no file', async ({ assert }) => {
    await seed(3)
    const reply = await (await login('support')).get('/api/admin/users/export')
    assert.equal(reply.status, 403)
    assert.isString(reply.body.message)
    assert.notInclude(reply.text, '@export.test')
    assert.lengthOf(await exportAudits(), 0)
    assert.lengthOf(await auditRows({ action: 'access.denied', resource: 'users' }), 1)
  })

  test('a bad filter is a 400 JSON answer, not a broken download', async ({ assert }) => {
    await seed(3)
    const agent = await login('super_admin')
    for (const query of ['tier=platinum', 'balance=1', '_sort=password', 'created_at_gte=soon']) {
      const reply = await agent.get(`/api/admin/users/export?${query}`)
      assert.equal(reply.status, 400, query)
      assert.isString(reply.body.message)
    }
    assert.lengthOf(await exportAudits(), 0)
  })

  test('the export is audited with its filters and the exact row count', async ({ assert }) => {
    const rows = await seed()
    const finance = await createStaff('finance')
    const agent = await new Agent().loginStaff(finance.email)
    const reply = await exportCsv(agent, 'tier=pro&tier=basic')
    assert.equal(reply.status, 200)
    const expected = rows.filter((r) => ['pro', 'basic'].includes(r.tier)).length
    assert.lengthOf(reply.csv!.rows, expected)
    const audits = await exportAudits()
    assert.lengthOf(audits, 1)
    assert.equal(audits[0].metadata.rows, expected)
    assert.isFalse(audits[0].metadata.aborted)
    assert.deepEqual(audits[0].metadata.filters, { tier: ['pro', 'basic'] })
    assert.equal(Number(audits[0].actor_id), finance.id)
    assert.equal(audits[0].actor_role, 'finance')
  })

  test('a client that aborts mid-stream leaves no open cursor or transaction, and the abort is audited', async ({ assert }) => {
    await db.from('customers').delete()
    // ≥ 3000 rows of ~5 kB each: many FETCH batches and far more than socket buffers hold
    const remark = 'r'.repeat(5000)
    for (let batch = 0; batch < 3; batch++) {
      await createCustomers(1000, (i) => ({ email: `big.${batch}.${i}@export.test`, remark, tier: i % 100 === 0 ? 'pro' : 'free' }))
    }
    const agent = await login('super_admin')

    const controller = new AbortController()
    const response = await fetch(`${Agent.base()}/api/admin/users/export`, {
      headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'user-agent': 'abort-test' },
      signal: controller.signal,
    })
    assert.equal(response.status, 200)
    const reader = response.body!.getReader()
    const first = await reader.read()
    assert.isFalse(first.done)
    controller.abort()
    await reader.cancel().catch(() => {})

    let aborted: any
    for (let i = 0; i < 60 && !aborted; i++) {
      aborted = (await exportAudits()).find((r) => r.metadata?.aborted === true)
      if (!aborted) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    assert.exists(aborted, 'an export audit row with metadata.aborted = true')
    assert.isBelow(aborted.metadata.rows, 3000)

    // the cursor is gone and no connection of this database sits idle in a transaction
    const cursors = await db.rawQuery(`SELECT name FROM pg_cursors WHERE name = 'export_cursor'`)
    assert.lengthOf(cursors.rows, 0)
    const idle = await db.rawQuery(
      `SELECT pid, state FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'`
    )
    assert.lengthOf(idle.rows, 0, JSON.stringify(idle.rows))

    // the server goes on answering, and a second export (same cursor name) completes
    const list = await agent.get('/api/admin/users?tier=pro')
    assert.equal(list.status, 200)
    assert.equal(list.headers.get('x-total-count'), '30')
    const again = await exportCsv(agent, 'tier=pro')
    assert.equal(again.status, 200)
    assert.lengthOf(again.csv!.rows, 30)
    const audits = await exportAudits()
    assert.equal(audits.at(-1).metadata.rows, 30)
    assert.isFalse(audits.at(-1).metadata.aborted)
  })
})
