/**
 * The ledger's reference column for people: the reference type is an enum with a label in both
 * languages (never a raw `cash_adjustment` or `manual`), and the reference id is labelled by the
 * record it points at. A cash adjustment's request message names no customer email, so finance
 * (who see emails masked) are not shown one.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { randomUUID } from 'node:crypto'
import { createCustomer } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'

test.group('Ledger / reference labels', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('cash adjustments and hand-granted vouchers show a labelled reference type and reference', async ({ assert }) => {
    const customer = await createCustomer({ email: 'reference.label@example.test' })
    const { agent: maker } = await staffAgent('finance')
    const { agent: checker } = await staffAgent('finance')
    const requested = await maker.post(
      `/api/admin/users/${customer.id}/actions/request_cash_adjustment`,
      { direction: 'credit', amount: '3', reference: 'TICKET-77', reason: 'Paid outside the portal' },
      { 'idempotency-key': randomUUID() }
    )
    assert.equal(requested.status, 200, requested.text)
    assert.notInclude(requested.body.message, 'reference.label')
    assert.notInclude(requested.body.message, '@example.test')
    const adjustmentId = requested.body.result.adjustment_id
    assert.equal((await checker.post(`/api/admin/cash-adjustments/${adjustmentId}/actions/approve`, {})).status, 200)

    const { agent: ops } = await staffAgent('operations')
    const granted = await ops.post(`/api/admin/users/${customer.id}/actions/grant_voucher`, { amount: '2', valid_days: 30, reason: 'Apology for the outage' }, { 'idempotency-key': randomUUID() })
    assert.equal(granted.status, 200, granted.text)

    const ledger = await ops.get(`/api/admin/ledger-transactions?customer_id=${customer.id}&_sort=id&_order=asc`)
    assert.equal(ledger.status, 200, ledger.text)
    const byType = Object.fromEntries(ledger.body.map((r: any) => [r.reference_type, r]))
    assert.equal(byType.cash_adjustment.reference_id, String(adjustmentId))
    assert.equal(byType.cash_adjustment._labels.reference_id, `#${adjustmentId}`)
    assert.equal(byType.manual._labels.reference_id, customer.email)

    const meta = await ops.get('/api/admin/meta')
    const resource = meta.body.resources.find((r: any) => r.name === 'ledger-transactions')
    const referenceType = resource.fields.find((f: any) => f.name === 'reference_type')
    assert.equal(referenceType.type, 'enum')
    const options = Object.fromEntries(referenceType.options.map((o: any) => [o.value, o.label]))
    assert.deepEqual(options.cash_adjustment, { 'en': 'Cash adjustment', 'zh-CN': '余额调整' })
    assert.deepEqual(options.manual, { 'en': 'Manual grant', 'zh-CN': '人工发放' })

    const csv = await maker.get(`/api/admin/ledger-transactions/export?customer_id=${customer.id}`)
    assert.equal(csv.status, 200, csv.text)
    assert.include(csv.text, 'Cash adjustment')
    assert.include(csv.text, 'Manual grant')
  })
})
