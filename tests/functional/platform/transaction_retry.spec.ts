/**
 * Deadlocks and serialization failures are retried where write transactions are opened
 * (#services/transaction), so colliding requests succeed instead of answering 500.
 * These run for real: committed rows and separate connections (no global transaction, which
 * would put everything on one connection and could never deadlock).
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { transaction, MAX_ATTEMPTS } from '#services/transaction'
import { Agent } from '#tests/support/agent'
import { committedCustomers, createStaff, roleId } from '#tests/support/fixtures'

/** A real PostgreSQL error with the given SQLSTATE, raised inside the transaction. */
const raise = (trx: { rawQuery(sql: string): Promise<unknown> }, sqlstate: string) =>
  trx.rawQuery(`DO $$ BEGIN RAISE EXCEPTION 'raised for the test' USING ERRCODE = '${sqlstate}'; END $$`)

test.group('transaction() retries deadlocks and serialization failures', (group) => {
  const customers = committedCustomers()
  group.teardown(() => customers.removeCommitted())

  test('two transactions locking two rows in opposite order deadlock, and both succeed', async ({ assert }) => {
    const [first, second] = [await customers.create({ nickname: 'row' }), await customers.create({ nickname: 'row' })]
    // both hold their first lock before either asks for its second: a certain deadlock
    let holding = 0
    let releaseBarrier!: () => void
    const barrier = new Promise<void>((resolve) => (releaseBarrier = resolve))
    const attempts = { a: 0, b: 0 }

    const lockInOrder = (side: 'a' | 'b', ids: number[]) =>
      transaction(async (trx) => {
        attempts[side]++
        await trx.from('customers').where('id', ids[0]).forUpdate().first()
        if (attempts[side] === 1) {
          if (++holding === 2) releaseBarrier()
          await barrier
        }
        await trx.from('customers').where('id', ids[1]).forUpdate().first()
        await trx.from('customers').whereIn('id', ids).update({ nickname: db.raw(`nickname || ':${side}'`) })
        return side
      })

    const results = await Promise.allSettled([lockInOrder('a', [first.id, second.id]), lockInOrder('b', [second.id, first.id])])
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled'],
      JSON.stringify(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok')))
    )
    // one side was the deadlock victim and ran again; its first attempt left nothing behind
    assert.equal(attempts.a + attempts.b, 3)
    const rows = await db.from('customers').whereIn('id', [first.id, second.id]).select('nickname')
    for (const row of rows) assert.sameMembers(row.nickname.split(':'), ['row', 'a', 'b'])
  }).timeout(30_000)

  test('a serialization failure is retried and the retry commits', async ({ assert }) => {
    const customer = await customers.create({ nickname: 'before' })
    let attempts = 0
    await transaction(async (trx) => {
      attempts++
      await trx.from('customers').where('id', customer.id).update({ nickname: `attempt ${attempts}` })
      if (attempts === 1) await raise(trx, '40001')
    })
    assert.equal(attempts, 2)
    assert.equal((await db.from('customers').where('id', customer.id).first()).nickname, 'attempt 2')
  })

  test('an error that is not a deadlock or serialization failure is not retried', async ({ assert }) => {
    const customer = await customers.create({ nickname: 'before' })
    let attempts = 0
    const outcome = await transaction(async (trx) => {
      attempts++
      await trx.from('customers').where('id', customer.id).update({ nickname: 'changed' })
      await raise(trx, '23505')
    }).catch((error) => error)
    assert.equal(attempts, 1)
    assert.equal(outcome.code, '23505')
    assert.equal((await db.from('customers').where('id', customer.id).first()).nickname, 'before')
  })

  test('a COMMIT that fails is an error, never a success (a deferred constraint checked at commit)', async ({ assert }) => {
    const code = `deferred-${Date.now()}`
    const outcome = await transaction(async (trx) => {
      // the plan points at a version that does not exist: the deferred foreign key refuses the COMMIT
      await trx.insertQuery().table('plans').insert({ code, name: 'Deferred check', prices: JSON.stringify({ USD: '1.00' }), grant_amount: 1, current_version_id: -1 })
      return 'reported as committed'
    }).then(
      (value) => value,
      (error) => error
    )
    assert.equal(outcome?.code, '23503', String(outcome))
    assert.isNull(await db.from('plans').where('code', code).first())
  })

  test('the isolation level asked for is the one the transaction runs at', async ({ assert }) => {
    const level = await transaction(async (trx) => (await trx.rawQuery('SHOW transaction_isolation')).rows[0].transaction_isolation, { isolationLevel: 'serializable' })
    assert.equal(level, 'serializable')
  })

  test('a deadlock that keeps coming back is rethrown after the last attempt', async ({ assert }) => {
    const customer = await customers.create({ nickname: 'before' })
    let attempts = 0
    const outcome = await transaction(async (trx) => {
      attempts++
      await trx.from('customers').where('id', customer.id).update({ nickname: 'changed' })
      await raise(trx, '40P01')
    }).catch((error) => error)
    assert.isAbove(MAX_ATTEMPTS, 1)
    assert.equal(attempts, MAX_ATTEMPTS)
    assert.equal(outcome.code, '40P01')
    assert.equal((await db.from('customers').where('id', customer.id).first()).nickname, 'before')
  })
})

test.group('Concurrent requests that collide answer without a 500', (group) => {
  const staffIds: number[] = []
  group.teardown(async () => {
    if (staffIds.length) await db.from('staff').whereIn('id', staffIds).delete()
  })

  test('two super_admins demoting each other at the same time, many rounds: no 500', async ({ assert }) => {
    // a third super_admin restores both after each round, so neither is ever the last one
    const [one, two, third] = [await createStaff('super_admin'), await createStaff('super_admin'), await createStaff('super_admin')]
    staffIds.push(one.id, two.id, third.id)
    const [asOne, asTwo, asThird] = [
      await new Agent('admin-one').loginStaff(one.email),
      await new Agent('admin-two').loginStaff(two.email),
      await new Agent('admin-three').loginStaff(third.email),
    ]
    const [superAdmin, operations] = [await roleId('super_admin'), await roleId('operations')]
    const statuses: number[] = []
    for (let round = 0; round < 9; round++) {
      const replies = await Promise.all([
        asOne.patch(`/api/admin/staff/${two.id}`, { name: `Two ${round}`, role_id: operations }),
        asTwo.patch(`/api/admin/staff/${one.id}`, { name: `One ${round}`, role_id: operations }),
      ])
      statuses.push(...replies.map((r) => r.status))
      for (const id of [one.id, two.id]) {
        const restored = await asThird.patch(`/api/admin/staff/${id}`, { role_id: superAdmin })
        assert.equal(restored.status, 200, restored.text)
      }
    }
    // a request that arrives after its sender was demoted is refused (403); none may fail
    assert.deepEqual(
      statuses.filter((s) => s !== 200 && s !== 403),
      [],
      `statuses: ${statuses.join(' ')}`
    )
    assert.isAtLeast(statuses.filter((s) => s === 200).length, 9)
  }).timeout(60_000)
})
