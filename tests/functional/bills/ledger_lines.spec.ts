/**
 * A bill's lines are the ledger's debits of the period, whatever kind of posting made them:
 * usage by model, captured holds (generations), and reversals of charges as a negative
 * adjustment — Σ lines = what the ledger took from the organization's accounts, and the
 * deduction order (vouchers, prepaid cash, credit) follows the entries, the hold's included.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { Agent } from '#tests/support/agent'
import { assertLedgerHolds, fundCash, fundGift, units } from '#tests/support/ledger'
import { SYSTEM_ACTOR } from '#services/audit'
import { transaction } from '#services/transaction'
import { reverseTransaction } from '#services/ledger/reverse_transaction'
import { BIG, SMALL, generate, ledgerCharged, postpaidOrg, useModels } from './bill_fixtures.js'

const service = { authorization: `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` }
const internal = new Agent()

test.group('Bills / lines from every kind of posting', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('usage, a captured hold and a reversed charge: lines = ledger debits; gift, cash and credit from the entries', async ({ assert }) => {
    const org = await postpaidOrg({ tax_rate: '0', bill_discount_rate: '0' })
    await fundGift(org.id, '1')
    await fundCash(org.id, '2')
    await useModels(org.id, [{ model: 'a', tokens: BIG }]) // 4: gift 1, cash 2, credit 1
    const held = await internal.request('POST', '/api/internal/holds', { customer_id: org.id, amount: '3', idempotency_key: `bill-hold-${org.id}`, expires_in: 600 }, service)
    assert.equal(held.status, 201, held.text)
    const captured = await internal.request('POST', `/api/internal/holds/${held.body.hold.id}/capture`, { amount: '2' }, service)
    assert.equal(captured.status, 200, captured.text)
    await useModels(org.id, [{ model: 'b', tokens: SMALL }]) // 0.002002 on credit
    const small = await db.from('ledger_transactions').where({ customer_id: org.id, type: 'usage_charge' }).orderBy('id', 'desc').first()
    await transaction((trx) => reverseTransaction(trx, Number(small.id), SYSTEM_ACTOR, 'charged by mistake'))

    const { bill } = await generate(org.id)
    const lines = await db.from('bill_lines').where('bill_id', bill.id).orderBy('position')
    assert.deepEqual(
      lines.map((l) => [l.kind, l.amount]),
      [
        ['usage', String(units('4'))],
        ['usage', String(units('0.002002'))],
        ['hold_capture', String(units('2'))],
        ['adjustment', String(-units('0.002002'))],
      ]
    )
    const charged = await ledgerCharged(org.id)
    assert.equal(charged, units('6'))
    assert.equal(lines.reduce((s, l) => s + BigInt(l.amount), 0n), charged)
    assert.include(bill, { subtotal: String(units('6')), covered_gift: String(units('1')), covered_cash: String(units('2')), amount_due: String(units('3')) })
    await assertLedgerHolds(assert)
  })
})
