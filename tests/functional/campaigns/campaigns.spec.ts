/**
 * Voucher campaigns (PRD §3 代金券, §5): saving (validity, audience), sending as a background
 * job with progress, idempotence per (campaign, customer) across a crash and restart, audience
 * by saved filter, frozen customers skipped, grants expiring, and the grant history.
 * The ledger invariants are checked after every test that moves money.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Agent } from '#tests/support/agent'
import { auditRows, createCustomer, createCustomers, createStaff } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, units } from '#tests/support/ledger'
import jobs from '#services/jobs'
import { staffAgent } from '#tests/support/agents'

const inDays = (days: number) => DateTime.utc().plus({ days }).toISO()

/**
 * Staff signed in once per group (committed, outside the per-test transaction) and removed
 * afterwards: the sign-in endpoints are throttled per IP, so tests cannot sign in afresh each
 * time. (The same helper lives in codes.spec.ts; tests/support would be its better home.)
 */
function useStaff(group: any, roles: string[]) {
  const signedIn = new Map<string, { staff: { id: number; email: string }; agent: Agent }>()
  group.setup(async () => {
    for (const role of roles) {
      const staff = await createStaff(role)
      signedIn.set(role, { staff, agent: await new Agent().loginStaff(staff.email) })
    }
    return async () => {
      await db.from('staff').whereIn('id', [...signedIn.values()].map((s) => s.staff.id)).delete()
      signedIn.clear()
    }
  })
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  return (role = 'operations') => signedIn.get(role)!
}

async function createCampaign(agent: Agent, body: Record<string, unknown>) {
  const reply = await agent.post('/api/admin/campaigns', { name: '1024 程序员节', description: '$10.24 for every developer', amount: '10.24', validity: 'days', valid_days: 30, audience: 'all', ...body })
  if (reply.status !== 201) throw new Error(`campaign not created: ${reply.status} ${reply.text}`)
  return reply.body as Record<string, any>
}

async function send(agent: Agent, id: number) {
  return agent.post(`/api/admin/campaigns/${id}/actions/send`, {})
}

async function campaign(id: number) {
  return db.from('campaigns').where('id', id).first()
}

/** Ledger voucher grants of a campaign, per customer. */
async function grantsByCustomer(campaignId: number) {
  const rows = await db.from('ledger_transactions').where({ type: 'voucher_grant', reference_type: 'campaign', reference_id: String(campaignId) }).select('customer_id')
  const count = new Map<number, number>()
  for (const row of rows) count.set(Number(row.customer_id), (count.get(Number(row.customer_id)) ?? 0) + 1)
  return count
}

test.group('Campaigns / saving', (group) => {
  const operations = useStaff(group, ['operations', 'finance'])

  test('a draft is created with its creator; amount, validity and audience are checked with field errors', async ({ assert }) => {
    const { agent, staff } = operations()
    const created = await createCampaign(agent, {})
    assert.equal(created.status, 'draft')
    assert.equal(created.amount, '10.240000')
    assert.equal(created.created_by, staff.id)
    assert.equal(created.valid_days, 30)
    assert.isNull(created.valid_until)

    const customer = await createCustomer()
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ amount: '0' }, 'amount'],
      [{ amount: '-5' }, 'amount'],
      [{ amount: '1e3' }, 'amount'],
      [{ amount: 10 }, 'amount'],
      [{ validity: 'fixed', valid_until: null }, 'valid_until'],
      [{ validity: 'fixed', valid_until: '2020-01-01T00:00:00Z' }, 'valid_until'],
      [{ validity: 'days', valid_days: null }, 'valid_days'],
      [{ validity: 'days', valid_days: 0 }, 'valid_days'],
      [{ audience: 'selected', customer_ids: [] }, 'customer_ids'],
      [{ audience: 'selected', customer_ids: [customer.id, 999999999] }, 'customer_ids'],
      [{ audience: 'selected', customer_ids: ['1'] }, 'customer_ids'],
      [{ audience: 'filter', audience_filter: { balance_gte: '100' } }, 'audience_filter'],
      [{ audience: 'filter', audience_filter: { tier: 'platinum' } }, 'audience_filter'],
      [{ audience: 'filter', audience_filter: {} }, 'audience_filter'],
      [{ audience: 'filter', audience_filter: ['tier'] }, 'audience_filter'],
      [{ audience: 'filter', audience_filter: { tier: 5 } }, 'audience_filter'],
      [{ name: 'bell\u0007char' }, 'name'],
    ]
    for (const [change, field] of bad) {
      const reply = await agent.post('/api/admin/campaigns', { name: 'x', amount: '1', validity: 'days', valid_days: 5, audience: 'all', ...change })
      assert.equal(reply.status, 422, `${JSON.stringify(change)}: ${reply.text}`)
      assert.include(reply.body.errors.map((e: any) => e.field), field, JSON.stringify(change))
    }
    assert.equal((await agent.post('/api/admin/campaigns', { name: 'x', amount: '1', validity: 'days', valid_days: 5, audience: 'all', status: 'sent' })).status, 422)
    assert.lengthOf(await db.from('campaigns').whereNot('id', created.id).where('name', 'x'), 0)
  })

  test('a saved audience may filter on masked fields only for staff who may see them', async ({ assert }) => {
    const [role] = await db.table('roles').insert({ name: 'campaigners', label: 'Campaigners' }).returning('*')
    await db.table('role_permissions').multiInsert([
      { role_id: role.id, resource: 'campaigns', action: 'view' },
      { role_id: role.id, resource: 'campaigns', action: 'create' },
    ])
    const campaigner = await (await staffAgent('auditor', { role_id: role.id })).agent
    const body = { name: 'Guess', amount: '1', validity: 'days', valid_days: 5, audience: 'filter' }
    const refused = await campaigner.post('/api/admin/campaigns', { ...body, audience_filter: { email_like: 'someone@' } })
    assert.equal(refused.status, 422, refused.text)
    assert.include(refused.body.errors.map((e: any) => e.field), 'audience_filter')
    assert.lengthOf(await db.from('campaigns').where('name', 'Guess'), 0)
    const allowed = await campaigner.post('/api/admin/campaigns', { ...body, audience_filter: { tier: 'pro' } })
    assert.equal(allowed.status, 201, allowed.text)

    const byOperations = await operations().agent.post('/api/admin/campaigns', { ...body, audience_filter: { email_like: '@example.com' } })
    assert.equal(byOperations.status, 201, byOperations.text)
  })

  test('only a draft can be edited; finance may view but not create or send', async ({ assert }) => {
    const { agent } = operations()
    const created = await createCampaign(agent, { audience: 'selected', customer_ids: [(await createCustomer()).id] })
    const edited = await agent.patch(`/api/admin/campaigns/${created.id}`, { name: 'Renamed', amount: '5' })
    assert.equal(edited.status, 200, edited.text)
    assert.equal(edited.body.amount, '5.000000')

    const { agent: finance } = operations('finance')
    assert.equal((await finance.get(`/api/admin/campaigns/${created.id}`)).status, 200)
    assert.equal((await send(finance, created.id)).status, 403)
    assert.equal((await finance.post('/api/admin/campaigns', { name: 'x', amount: '1', validity: 'days', valid_days: 5, audience: 'all' })).status, 403)

    assert.equal((await send(agent, created.id)).status, 200)
    await jobs.drain()
    const refused = await agent.patch(`/api/admin/campaigns/${created.id}`, { amount: '500' })
    assert.equal(refused.status, 400)
    assert.match(refused.body.message, /Only a draft campaign can be changed; this one is sent/)
    const again = await send(agent, created.id)
    assert.equal(again.status, 400)
    assert.equal(again.body.message, 'This campaign was already sent')
    await assertLedgerHolds(assert)
  })
})

test.group('Campaigns / sending', (group) => {
  const operations = useStaff(group, ['operations', 'support'])

  test('sending to chosen customers: a background job grants each once into gift, skips the frozen, reports progress', async ({ assert }) => {
    const { agent, staff } = operations()
    const [a, b, c] = [await createCustomer(), await createCustomer(), await createCustomer()]
    const frozen = await createCustomer({ frozen: true })
    const until = inDays(10)
    const created = await createCampaign(agent, { validity: 'fixed', valid_until: until, audience: 'selected', customer_ids: [a.id, b.id, c.id, frozen.id], amount: '10.24' })

    const reply = await send(agent, created.id)
    assert.equal(reply.status, 200, reply.text)
    assert.equal(reply.body.message, 'Sending started')
    assert.equal(reply.body.record.status, 'sending')
    // nothing granted until the job runs
    assert.equal((await balances(a.id)).gift, 0n)

    assert.isAtLeast(await jobs.drain(), 1)
    const done = await campaign(created.id)
    assert.equal(done.status, 'sent')
    assert.deepEqual([done.total, done.granted, done.skipped], [4, 3, 1])
    assert.isNotNull(done.finished_at)
    assert.equal(done.sent_by, staff.id)

    for (const customer of [a, b, c]) {
      assert.equal((await balances(customer.id)).gift, units('10.24'))
      const key = `campaign:${created.id}:customer:${customer.id}`
      const [tx] = await db.from('ledger_transactions').where('idempotency_key', key)
      assert.equal(tx.type, 'voucher_grant')
      assert.equal(tx.actor_type, 'staff')
      assert.equal(Number(tx.actor_id), staff.id)
      const lot = await db.from('gift_lots').where('transaction_id', tx.id).first()
      assert.equal(new Date(lot.expires_at).toISOString(), new Date(until!).toISOString())
    }
    assert.equal((await balances(frozen.id)).gift, 0n)
    const skipped = await db.from('campaign_grants').where({ campaign_id: created.id, customer_id: frozen.id }).first()
    assert.equal(skipped.status, 'skipped')
    assert.equal(skipped.skip_reason, 'frozen')

    const [audit] = await auditRows({ action: 'send', resource: 'campaigns', record_id: String(created.id) })
    assert.equal(audit.actor_id, staff.id)
    assert.lengthOf(await auditRows({ action: 'send.finished', resource: 'campaigns', record_id: String(created.id) }), 1)
    assert.lengthOf(await auditRows({ action: 'voucher_grant', resource: 'users', record_id: String(a.id) }), 1)
    await assertLedgerHolds(assert)
  })

  test('a crash and restart grants nobody twice: partial run, reset progress, resume; then again with lost tracking rows', async ({ assert }) => {
    const { agent } = operations()
    const tag = `crash-${Date.now().toString(36)}`
    const audience = await createCustomers(7, (i) => ({ tags: `{${tag}}`, frozen: i === 3 }))
    const ids = audience.map((c) => Number(c.id))
    const created = await createCampaign(agent, { audience: 'filter', audience_filter: { tags: tag }, validity: 'days', valid_days: 7, amount: '2.5' })
    assert.equal((await send(agent, created.id)).status, 200)

    // the job dies after 3 customers: it has re-queued itself, progress is partial
    await jobs.run('campaign-send', { campaignId: created.id, maxPerRun: 3 })
    let state = await campaign(created.id)
    assert.equal(state.status, 'sending')
    assert.equal(state.total, 7)
    assert.equal(state.granted + state.skipped, 3)

    // as a crash would leave it: status still sending, progress and cursor lost
    await db.from('campaigns').where('id', created.id).update({ granted: 0, skipped: 0, cursor_customer_id: 0 })
    await jobs.drain()
    state = await campaign(created.id)
    assert.equal(state.status, 'sent')
    assert.deepEqual([state.granted, state.skipped, state.total], [6, 1, 7])
    let counts = await grantsByCustomer(created.id)
    assert.equal(counts.size, 6)
    for (const [, n] of counts) assert.equal(n, 1)

    // worse: the tracking rows of two customers are gone too; the ledger's idempotency key still holds
    await db.from('campaigns').where('id', created.id).update({ status: 'sending', granted: 0, skipped: 0, cursor_customer_id: 0, finished_at: null })
    await db.from('campaign_grants').where('campaign_id', created.id).whereIn('customer_id', [ids[0], ids[1]]).delete()
    await jobs.run('campaign-send', { campaignId: created.id })
    state = await campaign(created.id)
    assert.equal(state.status, 'sent')
    assert.deepEqual([state.granted, state.skipped], [6, 1])
    counts = await grantsByCustomer(created.id)
    assert.equal(counts.size, 6)
    for (const [, n] of counts) assert.equal(n, 1)
    for (const [i, id] of ids.entries()) assert.equal((await balances(id)).gift, i === 3 ? 0n : units('2.5'))
    const restored = await db.from('campaign_grants').where({ campaign_id: created.id, customer_id: ids[0] }).first()
    assert.equal(restored.status, 'granted')
    assert.isNotNull(restored.transaction_id)
    await assertLedgerHolds(assert)
  }).timeout(30_000)

  test('a duplicate delivery of the job (queue retry after a lost acknowledgement) grants nobody again', async ({ assert }) => {
    const { agent } = operations()
    const audience = await createCustomers(5)
    const created = await createCampaign(agent, { audience: 'selected', customer_ids: audience.map((c) => Number(c.id)) })
    assert.equal((await send(agent, created.id)).status, 200)
    await jobs.run('campaign-send', { campaignId: created.id })
    await db.from('campaigns').where('id', created.id).update({ status: 'sending', cursor_customer_id: 0 })
    await jobs.run('campaign-send', { campaignId: created.id })
    await jobs.drain()
    const counts = await grantsByCustomer(created.id)
    assert.equal(counts.size, 5)
    for (const [, n] of counts) assert.equal(n, 1)
    await assertLedgerHolds(assert)
  })

  test('audience by saved filter: exactly the customers the users list shows for that filter', async ({ assert }) => {
    const { agent } = operations()
    const tag = `seg-${Date.now().toString(36)}`
    await createCustomers(3, () => ({ tags: `{${tag}}`, tier: 'pro' }))
    await createCustomers(2, () => ({ tags: `{${tag}}`, tier: 'free' }))
    await createCustomers(2, () => ({ tier: 'pro' }))
    const filter = { tags: tag, tier: ['pro', 'enterprise'] }
    const listed = await agent.get(`/api/admin/users?tags=${tag}&tier=pro&tier=enterprise`)
    assert.lengthOf(listed.body, 3)

    const created = await createCampaign(agent, { audience: 'filter', audience_filter: filter, amount: '1' })
    assert.deepEqual(created.audience_filter, filter)
    await send(agent, created.id)
    await jobs.drain()
    const counts = await grantsByCustomer(created.id)
    assert.sameMembers([...counts.keys()], listed.body.map((u: any) => u.id))
    assert.equal((await campaign(created.id)).granted, 3)
    await assertLedgerHolds(assert)
  })

  test('audience "all": every customer, frozen ones skipped and counted', async ({ assert }) => {
    const { agent } = operations()
    await createCustomers(4)
    await createCustomers(2, () => ({ frozen: true }))
    const all = await db.from('customers').count('* as n').first()
    const frozen = await db.from('customers').where('frozen', true).count('* as n').first()
    const created = await createCampaign(agent, { audience: 'all', amount: '0.5' })
    await send(agent, created.id)
    await jobs.drain()
    const state = await campaign(created.id)
    assert.equal(state.status, 'sent')
    assert.equal(state.total, Number(all.n))
    assert.equal(state.skipped, Number(frozen.n))
    assert.equal(state.granted, Number(all.n) - Number(frozen.n))
    await assertLedgerHolds(assert)
  }).timeout(30_000)

  test('a grant expires with a voucher_expiry transaction; the grant history lists source, amount, operator and remark', async ({ assert }) => {
    const { agent, staff } = operations()
    const customer = await createCustomer()
    const created = await createCampaign(agent, { name: 'Spring promo', audience: 'selected', customer_ids: [customer.id], valid_days: 3, amount: '4' })
    await send(agent, created.id)
    await jobs.drain()
    assert.equal((await balances(customer.id)).gift, units('4'))

    const history = await agent.get(`/api/admin/campaign-grants?customer_id=${customer.id}`)
    assert.equal(history.status, 200)
    assert.lengthOf(history.body, 1)
    const [row] = history.body
    assert.equal(row.campaign_id, created.id)
    assert.equal(row.status, 'granted')
    assert.equal(row.amount, '4.000000')
    assert.equal(row.operator_id, staff.id)
    assert.equal(row.memo, 'Spring promo')
    assert.closeTo((new Date(row.expires_at).getTime() - Date.now()) / 86400_000, 3, 0.01)
    const { agent: support } = operations('support')
    assert.equal((await support.get(`/api/admin/campaign-grants?customer_id=${customer.id}`)).status, 200)

    // three days later
    const lot = await db.from('gift_lots').where('transaction_id', row.transaction_id).first()
    await db.from('gift_lots').where('id', lot.id).update({ expires_at: new Date(Date.now() - 1000) })
    await jobs.run('ledger-expire-gift')
    assert.equal((await balances(customer.id)).gift, 0n)
    assert.lengthOf(await db.from('ledger_transactions').where({ type: 'voucher_expiry', customer_id: customer.id }), 1)
    await assertLedgerHolds(assert)
  })

  test('a fixed end date that has passed: send refuses; the job fails cleanly if it passes mid-send, and resuming works', async ({ assert }) => {
    const { agent } = operations()
    const customer = await createCustomer()
    const created = await createCampaign(agent, { audience: 'selected', customer_ids: [customer.id], validity: 'fixed', valid_until: inDays(1) })
    await db.from('campaigns').where('id', created.id).update({ valid_until: new Date(Date.now() - 1000) })
    const refused = await send(agent, created.id)
    assert.equal(refused.status, 400)
    assert.match(refused.body.message, /end date has passed/)

    await db.from('campaigns').where('id', created.id).update({ valid_until: new Date(Date.now() + 86400_000) })
    assert.equal((await send(agent, created.id)).status, 200)
    await db.from('campaigns').where('id', created.id).update({ valid_until: new Date(Date.now() - 1000) })
    await jobs.drain()
    const failed = await campaign(created.id)
    assert.equal(failed.status, 'failed')
    assert.match(failed.last_error, /end date passed/)
    assert.lengthOf(await auditRows({ action: 'send.failed', resource: 'campaigns', record_id: String(created.id) }), 1)

    await db.from('campaigns').where('id', created.id).update({ valid_until: new Date(Date.now() + 86400_000) })
    const resumed = await send(agent, created.id)
    assert.equal(resumed.body.message, 'Sending resumed')
    await jobs.drain()
    assert.equal((await campaign(created.id)).status, 'sent')
    assert.equal((await balances(customer.id)).gift, units('10.24'))
    await assertLedgerHolds(assert)
  })
})
