/**
 * The demo traffic generator: the same seed gives the same records, in time order and batches of
 * at most 1,000, none after the window's end, with the promised shape (errors carry zero
 * tokens, some cancelled, cache reads on some, weekdays busier than weekends).
 */
import { test } from '@japa/runner'
import { generateTraffic, type DemoRecord, type TrafficProfile } from '#database/seeders/demo_usage_traffic'

const END = new Date('2026-11-27T12:00:00Z')
const PROFILES: TrafficProfile[] = [
  { customerId: 1, perDay: 400, mix: { text: 0.8, image: 0.2 }, growth: 0.7, keys: [{ id: 11, share: 1 }] },
  { customerId: 2, perDay: 100, mix: { video: 0.6, audio: 0.4 }, growth: 1, since: 5, keys: [{ id: 21, share: 0.5 }, { id: 22, share: 0.5, models: ['veo-3-fast', 'whisper-1'] }] },
]

async function run(seed: number) {
  const batches: DemoRecord[][] = []
  await generateTraffic(PROFILES, { days: 14, end: END, seed, batchSize: 1000 }, async (batch) => {
    batches.push([...batch])
  })
  return batches
}

test.group('Demo traffic', () => {
  test('is deterministic, ordered, batched and shaped like real traffic', async ({ assert }) => {
    const batches = await run(42)
    const again = await run(42)
    assert.deepEqual(again, batches)
    assert.notDeepEqual((await run(43))[0][0], batches[0][0])

    const records = batches.flat()
    assert.isTrue(batches.slice(0, -1).every((b) => b.length === 1000))
    assert.isAtMost(batches.at(-1)!.length, 1000)
    assert.isTrue(records.every((r, i) => i === 0 || records[i - 1].started_at <= r.started_at))
    assert.isTrue(records.every((r) => Date.parse(r.started_at) <= END.getTime()))
    assert.equal(new Set(records.map((r) => r.request_id)).size, records.length)

    const errors = records.filter((r) => r.status === 'error')
    assert.isAbove(errors.length / records.length, 0.01)
    assert.isBelow(errors.length / records.length, 0.03)
    assert.isTrue(errors.every((r) => r.input_tokens + r.output_tokens + r.cache_read_tokens + r.cache_write_tokens === 0 && Number(r.units) === 0))
    assert.isAbove(records.filter((r) => r.status === 'cancelled').length, 0)
    assert.isAbove(records.filter((r) => r.cache_read_tokens > 0).length, 0)

    // the restricted key only ever calls its allowed models; the late customer starts late
    assert.isTrue(records.filter((r) => r.api_key_id === 22).every((r) => ['veo-3-fast', 'whisper-1'].includes(r.model)))
    assert.isTrue(records.filter((r) => r.customer_id === 2).every((r) => Date.parse(r.started_at) >= END.getTime() - 6 * 86_400_000))

    const perDay = new Map<number, number[]>()
    for (const r of records.filter((x) => x.customer_id === 1)) {
      const day = new Date(r.started_at)
      if (day.getTime() > END.getTime() - 86_400_000) continue // today is partial
      const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6 ? 1 : 0
      perDay.set(weekend, [...(perDay.get(weekend) ?? []), 1])
    }
    assert.isAbove(perDay.get(0)!.length / 10, perDay.get(1)!.length / 4) // 10 weekdays, 4 weekend days in the window
  })
})
