/**
 * QUALITY.md scenario 7 (and 1 for redeem) run for real: committed rows and parallel
 * redemptions, each in its own database transaction on its own pooled connection (no global
 * transaction, which would serialise everything on one connection). The redemption use case
 * is called directly — the HTTP layer adds nothing to the race and the portal route is covered
 * in codes.spec.ts — which also keeps these tests from signing in outside a global
 * transaction. The codes and customers created here are removed afterwards; ledger rows are
 * append-only and stay, which the invariant checker covers like any other.
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { limiterIn } from '#services/throttle'
import { createCustomer } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, units } from '#tests/support/ledger'
import { generateCodes } from '#services/codes/generate'
import redeemCode, { REDEEM_LIMITS } from '#actions/codes/redeem_code'
import { answered, runUseCase } from '#tests/support/use_cases'

const IP = '198.51.100.23'

test.group('Codes under concurrency', (group) => {
  const customers: number[] = []
  const batches: string[] = []

  async function oneCode(amount: string) {
    const batch = await db.transaction((trx) => generateCodes(trx, { count: 1, amount: units(amount), bucket: 'cash' }, null))
    batches.push(batch.batchId)
    return { code: batch.codes[0], row: await db.from('redemption_codes').where('batch_id', batch.batchId).first() }
  }

  async function customer() {
    const created = await createCustomer()
    customers.push(created.id)
    return created
  }

  function redeem(customerId: number, code: string) {
    const actor = { type: 'customer' as const, id: customerId, label: null, role: null }
    return answered(runUseCase(redeemCode, { customerId, code }, { actor, facts: { ip: IP, userAgent: 'race', requestId: null } }))
  }

  async function clearLocks() {
    await limiterIn(db.connection(), REDEEM_LIMITS.perIp).delete(`redeem:ip:${IP}`)
    for (const id of customers) await limiterIn(db.connection(), REDEEM_LIMITS.perCustomer).delete(`redeem:customer:${id}`)
  }

  group.teardown(async () => {
    await clearLocks()
    if (batches.length) await db.from('redemption_codes').whereIn('batch_id', batches).delete()
    if (customers.length) await db.from('customers').whereIn('id', customers).delete()
  })

  test('10 customers redeem the same code at once: exactly one succeeds, the value is credited once', async ({ assert }) => {
    const { code, row } = await oneCode('7.77')
    const racers = [] as Array<{ id: number }>
    for (let i = 0; i < 10; i++) racers.push(await customer())
    const outcomes = await Promise.allSettled(racers.map((r, i) => redeem(r.id, i % 2 ? code.toLowerCase() : code.replace(/-/g, ' '))))
    const won = outcomes.filter((o) => o.status === 'fulfilled')
    const lost = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[]
    assert.lengthOf(won, 1)
    assert.lengthOf(lost, 9)
    for (const refusal of lost) {
      assert.equal(refusal.reason.status, 422, refusal.reason.message)
      assert.equal(refusal.reason.rule, 'redeemed')
    }

    const winner = racers[outcomes.findIndex((o) => o.status === 'fulfilled')]
    const after = await db.from('redemption_codes').where('id', row.id).first()
    assert.equal(after.status, 'REDEEMED')
    assert.equal(Number(after.redeemed_by), winner.id)
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', `redeem:${row.id}`), 1)
    assert.lengthOf(await db.from('ledger_transactions').where({ reference_type: 'redemption_code', reference_id: String(row.id) }), 1)
    for (const racer of racers) {
      const b = await balances(racer.id)
      assert.equal(b.cash + b.gift, racer === winner ? units('7.77') : 0n)
    }
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('one customer submitting the same code 10× at once: one transaction, every answer the same redemption', async ({ assert }) => {
    await clearLocks()
    const { code, row } = await oneCode('2')
    const { id } = await customer()
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => redeem(id, code)))
    assert.equal(outcomes.filter((o) => !o.replayed).length, 1)
    assert.equal(outcomes.filter((o) => o.replayed).length, 9)
    for (const outcome of outcomes) assert.equal(Number(outcome.posted.transaction.id), Number(outcomes[0].posted.transaction.id))
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', `redeem:${row.id}`), 1)
    assert.equal((await balances(id)).cash, units('2'))
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('a void racing with redemptions: the code ends either redeemed once or voided, never both', async ({ assert }) => {
    await clearLocks()
    const { code, row } = await oneCode('3')
    const racers = [] as Array<{ id: number }>
    for (let i = 0; i < 5; i++) racers.push(await customer())
    const voiding = db.transaction(async (trx) => {
      const locked = await trx.from('redemption_codes').where('id', row.id).forUpdate().first()
      if (locked.status !== 'ACTIVE') return false
      await trx.from('redemption_codes').where('id', row.id).update({ status: 'VOIDED', voided_at: new Date(), void_reason: 'race' })
      return true
    })
    const outcomes = await Promise.allSettled([...racers.map((r) => redeem(r.id, code)), voiding])
    const redeemed = outcomes.slice(0, 5).filter((o) => o.status === 'fulfilled').length
    const voided = (outcomes[5] as PromiseFulfilledResult<boolean>).value
    const final = await db.from('redemption_codes').where('id', row.id).first()
    assert.equal(redeemed + (voided ? 1 : 0), 1)
    assert.equal(final.status, voided ? 'VOIDED' : 'REDEEMED')
    const credited = await db.from('ledger_transactions').where('idempotency_key', `redeem:${row.id}`)
    assert.lengthOf(credited, voided ? 0 : 1)
    await assertLedgerHolds(assert)
  }).timeout(60_000)
})
