/**
 * The pricing rule (services/usage/pricing.ts): components rounded half-even to ledger units,
 * charged = their sum, multiplier applied, exact beyond 2^53, no floats.
 */
import { test } from '@japa/runner'
import { divideHalfEven, priceRecord, ratesOf, costRatesOf, multiplierUnits, scaled, type Quantities } from '#services/usage/pricing'

const q = (over: Partial<Quantities> = {}): Quantities => ({ inputTokens: 0n, outputTokens: 0n, cacheReadTokens: 0n, cacheWriteTokens: 0n, units: 0n, ...over })
const prices = (over: Record<string, string | null> = {}) =>
  ratesOf({ id: 1, model_id: 1, input_price: null, output_price: null, cache_read_price: null, cache_write_price: null, unit_price: null, effective_at: new Date(), ...over })
const ONE = multiplierUnits('1')

test.group('Pricing', () => {
  test('ties round half to even at the ledger unit: 0.5 → 0, 1.5 → 2, 2.5 → 2, 3.5 → 4', ({ assert }) => {
    // 0.5 per 1M tokens = half a ledger unit per token
    const half = prices({ input_price: '0.5' })
    const charge = (tokens: bigint) => priceRecord(q({ inputTokens: tokens }), 'per_1m_tokens', half, ONE, null).inputCharge
    assert.deepEqual([1n, 3n, 5n, 7n].map(charge), [0n, 2n, 2n, 4n])
    assert.deepEqual([divideHalfEven(14n, 10n), divideHalfEven(16n, 10n), divideHalfEven(0n, 7n)], [1n, 2n, 0n])
  })

  test('the multiplier applies to every component; the tier or customer decimal is exact', ({ assert }) => {
    const p = prices({ input_price: '2.5', output_price: '10', unit_price: '0.04' })
    const priced = priceRecord(q({ inputTokens: 1_000_000n, outputTokens: 500_000n }), 'per_1m_tokens', p, multiplierUnits('0.8'), null)
    assert.equal(priced.inputCharge, 2_000_000n)
    assert.equal(priced.outputCharge, 4_000_000n)
    const images = priceRecord(q({ units: 3_000_000n }), 'per_image', p, multiplierUnits('1.25'), null)
    assert.equal(images.unitCharge, 150_000n)
  })

  test('zero tokens and zero units cost nothing', ({ assert }) => {
    const priced = priceRecord(q(), 'per_1m_tokens', prices({ input_price: '3', output_price: '15', cache_read_price: '0.3' }), ONE, costRatesOf({ input_cost: '1', output_cost: '5', cache_read_cost: null, cache_write_cost: null, unit_cost: null }))
    assert.deepInclude(priced, { charged: 0n, cost: 0n, margin: 0n, cacheSavings: 0n })
  })

  test('token counts beyond 2^53 are priced exactly', ({ assert }) => {
    const tokens = 2n ** 53n + 1n
    const priced = priceRecord(q({ inputTokens: tokens, outputTokens: tokens }), 'per_1m_tokens', prices({ input_price: '1', output_price: '0.000001' }), ONE, null)
    assert.equal(priced.inputCharge, 9_007_199_254_740_993n)
    // 9007199254740993 × 10⁻¹² of the asset = 9,007,199,254.740993 ledger units → 9,007,199,255
    assert.equal(priced.outputCharge, 9_007_199_255n)
    assert.equal(priced.charged, 9_007_208_261_940_248n)
  })

  test('charged is the sum of its rounded components; margin = charged − cost; cache savings never negative', ({ assert }) => {
    const p = prices({ input_price: '0.15', output_price: '0.6', cache_read_price: '0.075', cache_write_price: '0.1875', unit_price: '0.01' })
    const c = costRatesOf({ input_cost: '0.1', output_cost: '0.4', cache_read_cost: '0.05', cache_write_cost: '0.125', unit_cost: null })
    for (const [i, o, r, w] of [[1n, 1n, 1n, 1n], [333n, 777n, 5n, 9n], [123_457n, 98_765n, 4_321n, 1n], [7n, 0n, 3n, 0n]]) {
      const x = priceRecord(q({ inputTokens: i, outputTokens: o, cacheReadTokens: r, cacheWriteTokens: w, units: 1_500_000n }), 'per_1m_tokens', p, multiplierUnits('0.9'), c)
      assert.equal(x.charged, x.inputCharge + x.outputCharge + x.cacheReadCharge + x.cacheWriteCharge + x.unitCharge)
      assert.equal(x.margin, x.charged - x.cost)
      assert.isTrue(x.cacheSavings >= 0n)
    }
    // 4,321 cached tokens would have cost (0.15 − 0.075) × 0.9 per 1M more: 291.6675 → 292 units
    const cached = priceRecord(q({ cacheReadTokens: 4_321n }), 'per_1m_tokens', p, multiplierUnits('0.9'), null)
    assert.equal(cached.cacheSavings, 292n)
    // a cache-read price above the input price saves nothing (never negative)
    assert.equal(priceRecord(q({ cacheReadTokens: 100n }), 'per_1m_tokens', prices({ input_price: '1', cache_read_price: '2' }), ONE, null).cacheSavings, 0n)
  })

  test('unit models: seconds of video at the unit price, exact decimals', ({ assert }) => {
    const priced = priceRecord(q({ units: scaled('2.5', 6) }), 'per_second', prices({ unit_price: '0.1' }), ONE, costRatesOf({ input_cost: null, output_cost: null, cache_read_cost: null, cache_write_cost: null, unit_cost: '0.035' }))
    assert.deepInclude(priced, { unitCharge: 250_000n, charged: 250_000n, cost: 87_500n, margin: 162_500n })
    assert.throws(() => scaled('0.0000001', 6), /decimal places/)
    assert.throws(() => scaled('1e3', 6), /not a non-negative decimal/)
  })
})
