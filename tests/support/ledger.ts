/** Ledger helpers for money tests: funding, balances, and the invariant check after each test. */
import db from '@adonisjs/lucid/services/db'
import type { Assert } from '@japa/assert'
import { randomUUID } from 'node:crypto'
import { post } from '#services/ledger/post'
import { customerAccount, systemAccount } from '#services/ledger/accounts'
import { addLot } from '#services/ledger/gift_lots'
import { checkInvariants } from '#services/ledger/invariants'
import { toUnits, fromUnits } from '#services/ledger/amounts'
import { SYSTEM_ACTOR } from '#services/audit'

export const units = (decimal: string) => toUnits(decimal, 'amount', { allowZero: true })
export const decimal = fromUnits

/** Puts paid money in a customer's cash bucket (what a recharge does), committed unless in a global transaction. */
export async function fundCash(customerId: number, amount: string) {
  return db.transaction((trx) =>
    post(trx, { type: 'recharge', idempotencyKey: `test-fund:${randomUUID()}`, request: {}, actor: SYSTEM_ACTOR, customerId, amount: units(amount) }, async () => [
      { accountId: await systemAccount(trx, 'payment_clearing'), amount: -units(amount) },
      { accountId: await customerAccount(trx, customerId, 'cash'), amount: units(amount) },
    ])
  )
}

/** Puts a gift lot in a customer's gift bucket. */
export async function fundGift(customerId: number, amount: string, expiresAt: Date | null = null) {
  return db.transaction((trx) =>
    post(trx, { type: 'voucher_grant', idempotencyKey: `test-gift:${randomUUID()}`, request: {}, actor: SYSTEM_ACTOR, customerId, amount: units(amount) }, async (id) => {
      const gift = await customerAccount(trx, customerId, 'gift')
      await addLot(trx, { accountId: gift, transactionId: id, amount: units(amount), expiresAt, sourceType: 'test' })
      return [
        { accountId: await systemAccount(trx, 'promotion_expense'), amount: -units(amount) },
        { accountId: gift, amount: units(amount) },
      ]
    })
  )
}

export async function balances(customerId: number) {
  const rows = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: customerId })
  const of = (code: string) => BigInt(rows.find((r) => r.code === code)?.balance ?? 0)
  return { cash: of('cash'), gift: of('gift') }
}

export async function assertLedgerHolds(assert: Assert) {
  const violations = await checkInvariants()
  assert.deepEqual(violations, [], `ledger invariants violated: ${JSON.stringify(violations)}`)
}
