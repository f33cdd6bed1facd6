import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { Agent } from '#tests/support/agent'
import { createCustomer, createStaff } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, fundCash, fundGift, units } from '#tests/support/ledger'
import { reverseTransaction } from '#services/ledger/reverse_transaction'
import { expireGiftLots } from '#services/ledger/expire_gift_lots'
import { SYSTEM_ACTOR } from '#services/audit'
import { staffAgent } from '#tests/support/agents'

const service = { authorization: `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` }
const charge = (body: Record<string, unknown>, headers = service) => new Agent().request('POST', '/api/internal/charges', body, headers)

test.group('Ledger: charges', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.each.teardown(async () => {})

  test('a charge takes gift first, soonest-expiring lot first, then cash, in one transaction', async ({ assert }) => {
    const c = await createCustomer()
    await fundCash(c.id, '10')
    await fundGift(c.id, '3', new Date(Date.now() + 10 * 86400_000))
    await fundGift(c.id, '2', new Date(Date.now() + 2 * 86400_000))
    const reply = await charge({ customer_id: c.id, amount: '6.5', idempotency_key: 'k-order-1' })
    assert.equal(reply.status, 201)
    assert.equal(reply.body.transaction.amount, '6.500000')
    assert.lengthOf(reply.body.entries, 3)
    const b = await balances(c.id)
    assert.equal(b.gift, 0n)
    assert.equal(b.cash, units('8.5'))
    const lots = await db.from('gift_lots').join('ledger_accounts', 'ledger_accounts.id', 'gift_lots.account_id').where('ledger_accounts.owner_id', c.id).orderBy('expires_at')
    assert.deepEqual(lots.map((l) => l.remaining), ['0', '0'])
    await assertLedgerHolds(assert)
  })

  test('a replay returns the original result and moves nothing; another payload with the key is 409', async ({ assert }) => {
    const c = await createCustomer()
    await fundCash(c.id, '5')
    const first = await charge({ customer_id: c.id, amount: '1.25', idempotency_key: 'replay-me' })
    const again = await charge({ customer_id: c.id, amount: '1.25', idempotency_key: 'replay-me' })
    assert.equal(first.status, 201)
    assert.equal(again.status, 200)
    assert.equal(again.headers.get('idempotency-replayed'), 'true')
    assert.deepEqual(again.body, first.body)
    assert.equal((await balances(c.id)).cash, units('3.75'))
    const other = await charge({ customer_id: c.id, amount: '2', idempotency_key: 'replay-me' })
    assert.equal(other.status, 409)
    assert.equal((await balances(c.id)).cash, units('3.75'))
    // the caller's key lives in the caller's namespace; the reply echoes it as sent
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', 'ext:internal-service:replay-me'), 1)
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', 'replay-me'), 0)
    assert.equal(first.body.idempotency_key, 'replay-me')
    await assertLedgerHolds(assert)
  })

  test('insufficient funds is a clear 402 and writes nothing', async ({ assert }) => {
    const c = await createCustomer()
    await fundCash(c.id, '1')
    await fundGift(c.id, '0.5')
    const reply = await charge({ customer_id: c.id, amount: '2', idempotency_key: 'too-much' })
    assert.equal(reply.status, 402)
    assert.match(reply.body.message, /Insufficient funds/)
    const b = await balances(c.id)
    assert.equal(b.cash, units('1'))
    assert.equal(b.gift, units('0.5'))
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', 'too-much'), 0)
    await assertLedgerHolds(assert)
  })

  test('a frozen customer cannot be charged', async ({ assert }) => {
    const c = await createCustomer({ frozen: true })
    await fundCash(c.id, '5')
    const reply = await charge({ customer_id: c.id, amount: '1', idempotency_key: 'frozen-1' })
    assert.equal(reply.status, 403)
    assert.equal((await balances(c.id)).cash, units('5'))
  })

  test('amounts: 0, negative, numbers, beyond precision, "1e3", > 2^53 are refused with a field error', async ({ assert }) => {
    const c = await createCustomer()
    await fundCash(c.id, '100')
    for (const amount of ['0', '-1', 1, 1.5, '0.0000001', '1e3', '12,50', '', '99999999999999999999', null]) {
      const reply = await charge({ customer_id: c.id, amount, idempotency_key: `bad-${String(amount)}` })
      assert.equal(reply.status, 422, `amount ${JSON.stringify(amount)}: ${reply.text}`)
      assert.equal(reply.body.errors[0].field, 'amount')
    }
    assert.equal((await balances(c.id)).cash, units('100'))
    // exact arithmetic at the smallest unit and past 2^53 units
    const big = await createCustomer()
    await fundCash(big.id, '9007199254.740993')
    assert.equal((await charge({ customer_id: big.id, amount: '0.000001', idempotency_key: 'tiny' })).status, 201)
    assert.equal((await balances(big.id)).cash, 9007199254740992n)
    await assertLedgerHolds(assert)
  })

  test('the service token is required', async ({ assert }) => {
    const c = await createCustomer()
    assert.equal((await charge({ customer_id: c.id, amount: '1', idempotency_key: 'x' }, {} as any)).status, 401)
    assert.equal((await charge({ customer_id: c.id, amount: '1', idempotency_key: 'x' }, { authorization: 'Bearer wrong' })).status, 401)
  })

  test('the database refuses to update or delete entries, and an unbalanced transaction', async ({ assert }) => {
    const c = await createCustomer()
    await fundCash(c.id, '1')
    for (const sql of ['UPDATE ledger_entries SET amount = amount * 2', 'DELETE FROM ledger_entries']) {
      // the app role has no UPDATE/DELETE grant; the append-only trigger still stops the owner (db_roles.spec.ts)
      await assert.rejects(() => db.transaction((trx) => trx.rawQuery(sql)), /append-only|permission denied for table ledger_entries/)
    }
    const unbalanced = db.transaction(async (trx) => {
      const [t] = await trx.table('ledger_transactions').insert({ type: 'hack', asset: 'USD', idempotency_key: 'hack', request_hash: 'x'.repeat(64), actor_type: 'system' }).returning('id')
      const account = await trx.from('ledger_accounts').where('owner_id', c.id).first()
      await trx.table('ledger_entries').insert({ transaction_id: t.id, account_id: account.id, asset: 'USD', amount: 5, balance_after: 5 })
      await trx.rawQuery('SET CONSTRAINTS ALL IMMEDIATE')
    })
    await assert.rejects(() => unbalanced, /unbalanced/)
    await assertLedgerHolds(assert)
  })

  test('a failure between the entries and the balance update rolls the whole posting back', async ({ assert }) => {
    const c = await createCustomer()
    await fundCash(c.id, '3')
    const attempt = db.transaction(async (trx) => {
      const { post } = await import('#services/ledger/post')
      const { customerAccount, systemAccount } = await import('#services/ledger/accounts')
      await post(trx, { type: 'usage_charge', idempotencyKey: 'crash-midway', request: {}, actor: SYSTEM_ACTOR, customerId: c.id }, async () => [
        { accountId: await customerAccount(trx, c.id, 'cash'), amount: -units('1') },
        { accountId: await systemAccount(trx, 'usage_revenue'), amount: units('1') },
      ])
      throw new Error('crash after posting, before commit')
    })
    await assert.rejects(() => attempt, /crash after posting/)
    assert.equal((await balances(c.id)).cash, units('3'))
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', 'crash-midway'), 0)
    await assertLedgerHolds(assert)
  })
})

test.group('Ledger: reversals and expiry', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a reversal negates every entry and gives gift lots back; a transaction is reversed at most once', async ({ assert }) => {
    const c = await createCustomer()
    await fundCash(c.id, '4')
    await fundGift(c.id, '1')
    const reply = await charge({ customer_id: c.id, amount: '3', idempotency_key: 'to-reverse' })
    const id = reply.body.transaction.id
    await db.transaction((trx) => reverseTransaction(trx, id, SYSTEM_ACTOR, 'charged by mistake'))
    const b = await balances(c.id)
    assert.equal(b.cash, units('4'))
    assert.equal(b.gift, units('1'))
    await assert.rejects(() => db.transaction((trx) => reverseTransaction(trx, id, SYSTEM_ACTOR, 'again')), /already reversed/)
    await assertLedgerHolds(assert)
  })

  test('a spent gift cannot be reversed; an unspent one can', async ({ assert }) => {
    const c = await createCustomer()
    const grant = await fundGift(c.id, '2')
    await charge({ customer_id: c.id, amount: '1', idempotency_key: 'spend-gift' })
    await assert.rejects(() => db.transaction((trx) => reverseTransaction(trx, Number(grant.transaction.id), SYSTEM_ACTOR, 'x')), /already spent/)
    const fresh = await fundGift(c.id, '5')
    await db.transaction((trx) => reverseTransaction(trx, Number(fresh.transaction.id), SYSTEM_ACTOR, 'granted twice'))
    assert.equal((await balances(c.id)).gift, units('1'))
    await assertLedgerHolds(assert)
  })

  test('gift expires on time, exactly what is left, once', async ({ assert }) => {
    const c = await createCustomer()
    await fundGift(c.id, '3', new Date(Date.now() + 60_000))
    await fundGift(c.id, '2', new Date(Date.now() + 3 * 86400_000))
    await charge({ customer_id: c.id, amount: '1', idempotency_key: 'before-expiry' })
    assert.equal(await expireGiftLots(new Date()), 0)
    const later = new Date(Date.now() + 120_000)
    assert.equal(await expireGiftLots(later), 1)
    assert.equal(await expireGiftLots(later), 0)
    assert.equal((await balances(c.id)).gift, units('2'))
    const expiry = await db.from('ledger_transactions').where({ type: 'voucher_expiry', customer_id: c.id })
    assert.lengthOf(expiry, 1)
    assert.equal(expiry[0].amount, String(units('2')))
    await assertLedgerHolds(assert)
  })
})

test.group('Ledger: staff', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('nobody but the internal service can charge', async ({ assert }) => {
    const staff = await createStaff('super_admin')
    const agent = await new Agent().loginStaff(staff.email)
    const c = await createCustomer()
    assert.equal((await agent.post('/api/internal/charges', { customer_id: c.id, amount: '1', idempotency_key: 'staff' })).status, 401)
  })
})

test.group('Ledger in the console and the portal', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('finance reverses a transaction with a reason; operations may not; audited', async ({ assert }) => {
    const c = await createCustomer()
    await fundCash(c.id, '5')
    const charged = await charge({ customer_id: c.id, amount: '2', idempotency_key: 'console-reverse' })
    const id = charged.body.transaction.id
    const ops = await (await staffAgent('operations')).agent
    assert.equal((await ops.post(`/api/admin/ledger-transactions/${id}/actions/reverse`, { reason: 'mistake' })).status, 403)
    const finance = await (await staffAgent('finance')).agent
    assert.equal((await finance.post(`/api/admin/ledger-transactions/${id}/actions/reverse`, {})).status, 422)
    const ok = await finance.post(`/api/admin/ledger-transactions/${id}/actions/reverse`, { reason: 'Charged twice by the video service' })
    assert.equal(ok.status, 200)
    assert.isNumber(ok.body.result.reversalId)
    const again = await finance.post(`/api/admin/ledger-transactions/${id}/actions/reverse`, { reason: 'again' })
    assert.equal(again.status, 409)
    assert.equal((await balances(c.id)).cash, units('5'))
    const [row] = await db.from('audit_logs').where({ action: 'reverse', record_id: String(id) })
    assert.equal(row.reason, 'Charged twice by the video service')
    const list = await finance.get(`/api/admin/ledger-transactions?customer_id=${c.id}&_sort=id&_order=asc`)
    assert.deepEqual(list.body.map((t: any) => t.type), ['recharge', 'usage_charge', 'reversal'])
    assert.equal(list.body[1].amount, '2.000000')
    const check = await finance.get('/api/admin/ledger/invariants')
    assert.deepEqual(check.body.violations, [])
    await assertLedgerHolds(assert)
  })

  test('the wallet shows buckets, gift lots and only the caller’s own history', async ({ assert }) => {
    const me = await createCustomer()
    const other = await createCustomer()
    await fundCash(me.id, '10')
    await fundGift(me.id, '2.5', new Date('2031-01-01T00:00:00Z'))
    await fundCash(other.id, '99')
    await charge({ customer_id: me.id, amount: '1', idempotency_key: 'wallet-1' })
    const agent = await new Agent().loginCustomer(me.email)
    const wallet = await agent.get('/api/portal/wallet')
    assert.equal(wallet.body.cash, '10.000000')
    assert.equal(wallet.body.gift, '1.500000')
    assert.equal(wallet.body.gift_lots[0].expires_at, '2031-01-01T00:00:00.000Z')
    const history = await agent.get('/api/portal/wallet/transactions?_sort=id&_order=desc')
    assert.equal(history.headers.get('x-total-count'), '3')
    assert.deepEqual(history.body.map((t: any) => t.type), ['usage_charge', 'voucher_grant', 'recharge'])
    const filtered = await agent.get('/api/portal/wallet/transactions?type=recharge')
    assert.lengthOf(filtered.body, 1)
    // another customer's rows never appear, whatever the filter
    const probe = await agent.get(`/api/portal/wallet/transactions?customer_id=${other.id}`)
    assert.equal(probe.status, 400)
    const byId = await agent.get(`/api/portal/wallet/transactions?id=${(await db.from('ledger_transactions').where('customer_id', other.id).first()).id}`)
    assert.lengthOf(byId.body, 0)
    assert.equal((await agent.get('/api/admin/ledger-transactions')).status, 401)
  })

  test('dashboard money cards count today’s movements', async ({ assert }) => {
    const admin = await (await staffAgent('super_admin')).agent
    const before = (await admin.get('/api/admin/dashboard/summary')).body.moneyToday
    const c = await createCustomer()
    await fundGift(c.id, '3')
    await fundCash(c.id, '1')
    await charge({ customer_id: c.id, amount: '0.5', idempotency_key: 'dash' })
    const after = (await admin.get('/api/admin/dashboard/summary')).body.moneyToday
    assert.equal(after.vouchersGranted.count - before.vouchersGranted.count, 1)
    assert.equal(units(after.vouchersGranted.amount) - units(before.vouchersGranted.amount), units('3'))
    assert.equal(units(after.usageCharged.amount) - units(before.usageCharged.amount), units('0.5'))
  })
})
