/**
 * The sliding one-minute windows behind RPM/TPM (services/rate_limit), the same cases against the
 * in-process implementation and the Redis one (127.0.0.1:6379, or REDIS_URL; keys under a prefix
 * of their own, deleted afterwards): what counts at the window's edge, when a refused call may
 * retry, that a refused admission counts nothing, and which limit a refusal names.
 */
import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { MemoryWindows } from '#services/rate_limit/memory_windows'
import { RedisWindows } from '#services/rate_limit/redis_windows'
import { retryAfter, type SlidingWindows } from '#services/rate_limit/windows'

/** 10:00:00.000 UTC of a day: the start of a one-second bucket. */
const T = Date.UTC(2026, 10, 27, 10, 0, 0)
const one = (subject: string, limit: number, add = 1) => [{ subject, limit, add }]

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 })
const IMPLEMENTATIONS: Array<[string, () => SlidingWindows]> = [
  ['in process', () => new MemoryWindows()],
  ['Redis', () => new RedisWindows(() => redis, () => `creditdesk-unit:${randomUUID()}:`)],
]

for (const [name, make] of IMPLEMENTATIONS) {
  test.group(`Rate windows / ${name}`, (group) => {
    const made: SlidingWindows[] = []
    const windows = () => {
      const w = make()
      made.push(w)
      return w
    }
    group.teardown(async () => {
      for (const w of made) if (w instanceof RedisWindows) await w.clear()
    })

    test('requests leave the window a minute after their second began; retry_after says when', async ({ assert }) => {
      const w = windows()
      assert.deepEqual(await w.admit(one('k', 3), T), { ok: true })
      assert.deepEqual(await w.admit(one('k', 3), T + 999), { ok: true })
      assert.deepEqual(await w.admit(one('k', 3), T + 20_000), { ok: true })
      // 3 in the window: the 4th waits until second T leaves, at T + 60 s
      assert.deepEqual(await w.admit(one('k', 3), T + 30_000), { ok: false, index: 0, retryAfterMs: 30_000 })
      assert.deepEqual(await w.admit(one('k', 3), T + 59_999), { ok: false, index: 0, retryAfterMs: 1 })
      assert.equal(await w.count('k', T + 59_999), 3, 'refusals count nothing')
      assert.equal(await w.count('k', T + 60_000), 1, 'both requests of second T have left')
      assert.deepEqual(await w.admit(one('k', 3), T + 60_000), { ok: true })
      assert.deepEqual(await w.admit(one('k', 3), T + 60_500), { ok: true })
      // now T+20 s, T+60 s, T+60.5 s: the next fits when T+20 s leaves, at T + 80 s
      assert.deepEqual(await w.admit(one('k', 3), T + 61_000), { ok: false, index: 0, retryAfterMs: 19_000 })
      assert.equal(await w.count('k', T + 61_000), 3)
    })

    test('tokens: refused once the minute has used the limit, until enough of it has left', async ({ assert }) => {
      const w = windows()
      await w.add([{ subject: 't', amount: 600 }], T)
      await w.add([{ subject: 't', amount: 300 }], T + 10_000)
      // a token check adds nothing: 900 < 1000 passes, however often
      for (let i = 0; i < 5; i++) assert.deepEqual(await w.admit(one('t', 1000, 0), T + 11_000), { ok: true })
      await w.add([{ subject: 't', amount: 100 }], T + 12_000)
      assert.equal(await w.count('t', T + 12_000), 1000)
      // 1000 reached: free again once the 600 of second T have left (then 400 remain)
      assert.deepEqual(await w.admit(one('t', 1000, 0), T + 20_000), { ok: false, index: 0, retryAfterMs: 40_000 })
      // a stricter limit of 300: the 600 and the 300 must both leave (100 remain), at T + 70 s
      assert.deepEqual(await w.admit(one('t', 300, 0), T + 20_000), { ok: false, index: 0, retryAfterMs: 50_000 })
      assert.deepEqual(await w.admit(one('t', 1000, 0), T + 60_000), { ok: true })
      assert.equal(await w.count('t', T + 60_000), 400)
    })

    test('all checks pass or nothing is counted; the refusal names the check that frees last', async ({ assert }) => {
      const w = windows()
      await w.add([{ subject: 'tokens', amount: 50 }], T)
      assert.deepEqual(await w.admit([{ subject: 'key', limit: 10, add: 1 }, { subject: 'account', limit: 1, add: 1 }], T + 5_000), { ok: true })
      const refused = await w.admit(
        [
          { subject: 'key', limit: 10, add: 1 },
          { subject: 'account', limit: 1, add: 1 },
          { subject: 'tokens', limit: 50, add: 0 },
        ],
        T + 6_000
      )
      // account frees at T+65 s (59 s away), tokens at T+60 s (54 s away): the account is named
      assert.deepEqual(refused, { ok: false, index: 1, retryAfterMs: 59_000 })
      assert.equal(await w.count('key', T + 6_000), 1, 'the key was not counted for the refused call')
      assert.equal(await w.count('account', T + 6_000), 1)
    })

    test('subjects are independent', async ({ assert }) => {
      const w = windows()
      assert.isTrue((await w.admit(one('a', 1), T)).ok)
      assert.isFalse((await w.admit(one('a', 1), T + 1)).ok)
      assert.isTrue((await w.admit(one('b', 1), T + 2)).ok)
      assert.equal(await w.count('c', T), 0)
    })
  })
}

test.group('Rate windows / helpers', (group) => {
  group.teardown(async () => {
    if (redis.status !== 'wait') await redis.quit()
  })

  test('retryAfter walks the live buckets from the oldest', ({ assert }) => {
    const buckets: Array<[number, number]> = [
      [100, 5],
      [110, 3],
      [150, 2],
    ]
    const now = 155_250
    assert.equal(retryAfter(buckets, 10, 10, now), 4_750) // second 100 leaves at 160 s
    assert.equal(retryAfter(buckets, 10, 4, now), 14_750) // 100 and 110 must leave: 170 s
    assert.equal(retryAfter(buckets, 10, 1, now), 54_750) // everything: 210 s
  })

  test('an idle subject is forgotten by the in-process windows after a minute', async ({ assert }) => {
    const w = new MemoryWindows()
    await w.admit(one('x', 5), T)
    await w.add([{ subject: 'y', amount: 10 }], T + 31_000)
    assert.equal(w.size, 2)
    await w.admit(one('z', 5), T + 90_000)
    assert.equal(w.size, 2, 'x (last used at T) was swept; y (T + 31 s) is still in its window, z is new')
    assert.equal(await w.count('x', T + 90_000), 0)
    assert.equal(await w.count('y', T + 90_000), 10)
  })
})
