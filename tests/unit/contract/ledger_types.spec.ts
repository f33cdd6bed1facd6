/**
 * Which way each ledger row moved the customer's balance (backend/contract/ledger_types.ts): the
 * portal and the console put a + or − in front of every row from this.
 */
import { test } from '@japa/runner'
import { customerSign, LEDGER_TYPE_NAMES, LEDGER_TYPES, signedUnits } from '#contract/ledger_types'

test.group('ledger types', () => {
  test('credits and debits take their sign from the type; the amount is a magnitude', ({ assert }) => {
    for (const type of ['recharge', 'redeem', 'voucher_grant', 'refund_release', 'dispute_release', 'provider_refund_restore']) {
      assert.equal(customerSign(type, '5.000000'), 1, type)
    }
    for (const type of ['usage_charge', 'voucher_expiry', 'refund_hold', 'dispute_hold', 'dispute_loss', 'provider_refund', 'arrears_settlement']) {
      assert.equal(customerSign(type, 5n), -1, type)
    }
  })

  test('signed types (reversal, correction, cash adjustment) follow the stored sign', ({ assert }) => {
    for (const type of ['reversal', 'correction', 'cash_adjustment']) {
      assert.equal(customerSign(type, '-1.500000'), -1, type)
      assert.equal(customerSign(type, 3n), 1, type)
    }
    // a reversal undoes the customer-side movement of what it reverses
    assert.equal(-signedUnits('recharge', 700n), -700n)
    assert.equal(-signedUnits('usage_charge', 700n), 700n)
    assert.equal(-signedUnits('correction', -700n), 700n)
  })

  test('a refund paid out of its hold moves no spendable balance: no sign', ({ assert }) => {
    assert.equal(customerSign('refund_settle', 5n), 0)
    assert.equal(customerSign('refund_settle', '5.000000'), 0)
  })

  test('zero and unknown types get no sign (never guessed)', ({ assert }) => {
    assert.equal(customerSign('recharge', '0.000000'), 0)
    assert.equal(customerSign('refund', 5n), 0)
  })

  test('every type is named in both languages, for staff and customers', ({ assert }) => {
    assert.notInclude(LEDGER_TYPE_NAMES, 'refund' as any)
    for (const type of LEDGER_TYPE_NAMES) {
      const info = LEDGER_TYPES[type]
      for (const label of [info.label, info.customerLabel]) {
        assert.isAbove(label.en.length, 0, type)
        assert.match(label['zh-CN'], /\p{Script=Han}/u, type)
      }
    }
  })
})
