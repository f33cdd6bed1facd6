/**
 * Forms that speak money and people's language: plan prices as an amount per currency (decimal
 * strings both ways, validated), console orders offering only offline payment methods, validation
 * messages with the field's label in the caller's language, and "copy this now" only for real
 * one-time results (generated codes, reset links) with their values typed for display.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createCustomer } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'

const PLANS = '/api/admin/plans'
const plan = (prices: unknown) => ({ code: `pm-${Math.random().toString(36).slice(2, 8)}`, name: 'Priced', prices, grant_amount: '100', active: true, sort_order: 1 })

test.group('Money forms and messages', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('plan prices are money per currency: decimal strings in and out, cents stored, meta names the currencies', async ({ assert }) => {
    const { agent } = await staffAgent('super_admin')
    const created = await agent.post(PLANS, plan({ USD: '9.9', EUR: '9.00' }))
    assert.equal(created.status, 201, created.text)
    assert.deepEqual(created.body.prices, { EUR: '9.00', USD: '9.90' })
    assert.deepEqual((await db.from('plans').where('id', created.body.id).first()).prices, { EUR: 900, USD: 990 })

    const edited = await agent.patch(`${PLANS}/${created.body.id}`, { ...created.body, prices: { USD: '10.50' } })
    assert.equal(edited.status, 200, edited.text)
    assert.deepEqual((await agent.get(`${PLANS}/${created.body.id}`)).body.prices, { USD: '10.50' })

    const meta = await agent.get('/api/admin/meta')
    const prices = meta.body.resources.find((r: any) => r.name === 'plans').fields.find((f: any) => f.name === 'prices')
    assert.equal(prices.type, 'json')
    assert.includeMembers(prices.currencies, ['USD'])
    assert.equal(prices.scale, 2)
  })

  test('bad plan prices are a 4xx naming the field, nothing written', async ({ assert }) => {
    const { agent } = await staffAgent('super_admin')
    const before = await db.from('plans').count('* as n')
    for (const prices of [{ USD: 9.9 }, { USD: 990 }, { USD: '9.999' }, { USD: '-1' }, { USD: '0' }, { USD: '1e3' }, { XYZ: '1.00', USD: '1.00' }, { EUR: '1.00' }, ['9.90'], '9.90']) {
      const reply = await agent.post(PLANS, plan(prices))
      assert.equal(reply.status, 422, `${JSON.stringify(prices)}: ${reply.text}`)
      assert.equal(reply.body.errors[0].field, 'prices', JSON.stringify(prices))
      assert.notMatch(reply.body.errors[0].message, /"prices"/, 'the label, not the column name')
    }
    assert.deepEqual(await db.from('plans').count('* as n'), before)
  })

  test('console orders offer bank transfer and cash only; a card order is refused', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const meta = await agent.get('/api/admin/meta')
    const channel = meta.body.resources.find((r: any) => r.name === 'orders').fields.find((f: any) => f.name === 'channel')
    assert.deepEqual(channel.formOptions, ['bank_transfer', 'cash'])
    assert.include(channel.options.map((o: any) => o.value), 'stripe', 'the list still labels card orders')
    const customer = await createCustomer()
    const card = await agent.post('/api/admin/orders', { customer_id: customer.id, channel: 'stripe', amount: '10.00', currency: 'USD', grant_amount: '10' })
    assert.equal(card.status, 422, card.text)
    assert.equal(card.body.errors[0].field, 'channel')
  })

  test('validation messages read with the field label, in zh-CN when the request asks for it', async ({ assert }) => {
    const customer = await createCustomer()
    const { agent } = await staffAgent('operations')
    const url = `/api/admin/users/${customer.id}/actions/grant_voucher`
    const body = { amount: '0', valid_days: 30, reason: 'Goodwill' }

    const en = await agent.post(url, body)
    assert.equal(en.status, 422, en.text)
    assert.deepEqual(en.body.errors[0], { field: 'amount', message: 'Amount must be greater than zero', rule: 'positive' })
    assert.equal(en.body.message, 'Amount must be greater than zero')

    const zh = await agent.post(url, body, { 'accept-language': 'zh-CN,zh;q=0.9' })
    assert.equal(zh.body.errors[0].message, '金额必须大于零')

    // VineJS's own wording gets the same treatment
    const long = await agent.post(url, { ...body, amount: '5', valid_days: 99999 })
    assert.equal(long.body.errors[0].field, 'valid_days')
    assert.equal(long.body.errors[0].message, 'Valid for (days) must be at most 3650')
    const longZh = await agent.post(url, { ...body, amount: '5', valid_days: 99999 }, { 'accept-language': 'zh-CN' })
    assert.equal(longZh.body.errors[0].message, '有效天数不能大于 3650')

    const reason = await agent.post(url, { amount: '5', valid_days: 3 }, { 'accept-language': 'zh-CN' })
    assert.equal(reason.body.errors[0].message, '请填写原因（至少 3 个字符）')
    const validity = await agent.post(url, { amount: '5', reason: 'Goodwill' }, { 'accept-language': 'zh-CN' })
    assert.deepEqual(validity.body.errors[0], { field: 'valid_days', message: '请填写代金券的有效天数或到期时间（二选一）', rule: 'required' })
  })

  test('"copy this now" only for one-time secrets: generated codes and reset links are once, with typed values', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const codes = await agent.post('/api/admin/redemption-codes/actions/generate', { count: 1, amount: '10', bucket: 'cash' })
    assert.equal(codes.status, 200, codes.text)
    assert.isTrue(codes.body.once)
    assert.equal(codes.body.resultTypes.amount.type, 'money')
    assert.equal(codes.body.resultTypes.expires_at.type, 'datetime')

    const customer = await createCustomer()
    const reset = await agent.post(`/api/admin/users/${customer.id}/actions/reset_password`, { reason: 'Customer asked by phone' })
    assert.equal(reset.status, 200, reset.text)
    assert.isTrue(reset.body.once)
  })
})
