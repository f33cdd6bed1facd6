/**
 * Property test: random sequences of recharge, voucher grant, charge, reversal and expiry
 * are applied both to the ledger and to a small in-memory model of what a customer should
 * have. After every step the balances match the model and the ledger invariants hold.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import fc from 'fast-check'
import { createCustomer } from '#tests/support/fixtures'
import { balances, fundCash, fundGift } from '#tests/support/ledger'
import chargeCustomer from '#actions/ledger/charge_customer'
import { runUseCase } from '#tests/support/use_cases'
import { reverseTransaction } from '#services/ledger/reverse_transaction'
import { expireGiftLots } from '#services/ledger/expire_gift_lots'
import { checkInvariants } from '#services/ledger/invariants'
import { SYSTEM_ACTOR } from '#services/audit'
import { InsufficientFunds } from '#services/ledger/post'

type Lot = { remaining: bigint; expiresAt: number; id: number }
type Model = { cash: bigint; lots: Lot[]; charges: Array<{ id: number; cash: bigint; fromLots: Array<[number, bigint]> }>; now: number }

const op = fc.oneof(
  fc.record({ kind: fc.constant('recharge' as const), cents: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant('grant' as const), cents: fc.integer({ min: 1, max: 3000 }), days: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('charge' as const), micros: fc.integer({ min: 1, max: 40_000_000 }) }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 3 }) })
)

test.group('Ledger matches a model', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('random operation sequences keep balances equal to the model and the invariants true', async ({ assert }) => {
    let lotSeq = 0
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const c = await createCustomer()
        const model: Model = { cash: 0n, lots: [], charges: [], now: Date.now() }
        for (const [i, step] of ops.entries()) {
          if (step.kind === 'recharge') {
            await fundCash(c.id, (step.cents / 100).toFixed(2))
            model.cash += BigInt(step.cents) * 10_000n
          } else if (step.kind === 'grant') {
            const expiresAt = model.now + step.days * 86400_000
            await fundGift(c.id, (step.cents / 100).toFixed(2), new Date(expiresAt))
            model.lots.push({ remaining: BigInt(step.cents) * 10_000n, expiresAt, id: ++lotSeq })
          } else if (step.kind === 'charge') {
            const amount = BigInt(step.micros)
            const live = model.lots.filter((l) => l.remaining > 0n && l.expiresAt > Date.now()).sort((a, b) => a.expiresAt - b.expiresAt || a.id - b.id)
            const giftTotal = live.reduce((s, l) => s + l.remaining, 0n)
            try {
              const posted = await runUseCase(chargeCustomer, { customerId: c.id, amount, idempotencyKey: `model-${c.id}-${i}` })
              assert.isAtMost(Number(amount), Number(giftTotal + model.cash), 'charge succeeded beyond funds')
              let left = amount
              const fromLots: Array<[number, bigint]> = []
              for (const lot of live) {
                const take = lot.remaining < left ? lot.remaining : left
                if (take > 0n) fromLots.push([lot.id, take])
                lot.remaining -= take
                left -= take
              }
              model.cash -= left
              model.charges.push({ id: Number(posted.transaction.id), cash: left, fromLots })
            } catch (error) {
              if (!(error instanceof InsufficientFunds)) throw error
              assert.isAbove(Number(amount), Number(giftTotal + model.cash), 'charge refused although funds sufficed')
            }
          } else if (step.kind === 'reverse' && model.charges.length) {
            const [chargeRow] = model.charges.splice(step.pick % model.charges.length, 1)
            await db.transaction((trx) => reverseTransaction(trx, chargeRow.id, SYSTEM_ACTOR, 'model reversal'))
            model.cash += chargeRow.cash
            for (const [lotId, amount] of chargeRow.fromLots) model.lots.find((l) => l.id === lotId)!.remaining += amount
          } else if (step.kind === 'advance') {
            // expiry "later": run the expiry job as of a future time and mirror it in the model
            const at = model.now + step.days * 86400_000
            await expireGiftLots(new Date(at))
            for (const lot of model.lots) if (lot.expiresAt <= at) lot.remaining = 0n
            model.now = at
            model.charges.length = 0 // charges before an expiry are not reversed in this model
          }
          const actual = await balances(c.id)
          const expectedGift = model.lots.reduce((s, l) => s + l.remaining, 0n)
          assert.equal(actual.cash, model.cash, `cash after step ${i} (${step.kind})`)
          assert.equal(actual.gift, expectedGift, `gift after step ${i} (${step.kind})`)
          assert.deepEqual(await checkInvariants(), [])
        }
      }),
      { numRuns: 40 }
    )
  }).timeout(120_000)
})
