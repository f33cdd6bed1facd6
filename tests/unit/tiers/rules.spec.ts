/**
 * The tier rules as pure functions: the ladder (exactly at a threshold reaches it, one unit below
 * does not), tiers never dropping unless the held tier says `may_downgrade`, and which of
 * override, negotiated terms and the computed tier gives a customer its effective limits.
 */
import { test } from '@japa/runner'
import { computeTier, nextComputedTier, tierAbove, type TierTable } from '#services/tiers/table'
import { overrideActive, resolveTier } from '#services/tiers/resolve'
import type { CustomerTierColumns, TierRow } from '#services/tiers/rows'

const tier = (code: string, from: number, rpm: number, tpm: number | null, mayDowngrade = false): TierRow =>
  ({ code, name: code, name_zh: code, color: 'default', recharge_from: String(from), recharge_to: null, rpm, tpm: tpm === null ? null : String(tpm), max_keys: 5, price_multiplier: '1.0000', sort: 0, may_downgrade: mayDowngrade, version: 1 }) as unknown as TierRow

const TABLE: TierTable = [tier('free', 0, 60, 100_000), tier('basic', 100_000_000, 300, 1_000_000), tier('pro', 1_000_000_000, 1000, 5_000_000), tier('top', 10_000_000_000, 5000, null)]

const customer = (over: Partial<CustomerTierColumns> = {}): CustomerTierColumns => ({
  id: '1',
  type: 'individual',
  tier: 'free',
  tier_source: 'computed',
  computed_tier: 'free',
  recharged_total: '0',
  tier_override: null,
  tier_override_until: null,
  tier_override_reason: null,
  negotiated_tier: null,
  unlimited_tpm: false,
  custom_tpm: null,
  rpm_limit: 60,
  tpm_limit: '100000',
  ...over,
})

test.group('Tiers / rules', () => {
  test('the ladder: exactly at a threshold reaches it, one unit below does not', ({ assert }) => {
    assert.equal(computeTier(TABLE, 0n).code, 'free')
    assert.equal(computeTier(TABLE, 99_999_999n).code, 'free')
    assert.equal(computeTier(TABLE, 100_000_000n).code, 'basic')
    assert.equal(computeTier(TABLE, 999_999_999n).code, 'basic')
    assert.equal(computeTier(TABLE, 1_000_000_000n).code, 'pro')
    assert.equal(computeTier(TABLE, 10n ** 18n).code, 'top')
    assert.equal(tierAbove(TABLE, 'basic')!.code, 'pro')
    assert.isNull(tierAbove(TABLE, 'top'))
  })

  test('up at once; never down unless the held tier may downgrade', ({ assert }) => {
    assert.equal(nextComputedTier(TABLE, 'free', 1_000_000_000n), 'pro')
    assert.equal(nextComputedTier(TABLE, 'pro', 5n), 'pro')
    const downgrading = TABLE.map((t) => (t.code === 'pro' ? { ...t, may_downgrade: true } : t))
    assert.equal(nextComputedTier(downgrading, 'pro', 150_000_000n), 'basic')
    assert.equal(nextComputedTier(downgrading, 'basic', 5n), 'basic')
  })

  test('an active override wins, an ended one no longer counts', ({ assert }) => {
    const now = new Date('2026-11-27T12:00:00Z')
    const active = customer({ tier_override: 'pro', tier_override_until: new Date('2026-11-27T12:00:01Z') })
    assert.isTrue(overrideActive(active, now))
    assert.deepEqual(resolveTier(active, TABLE, now), { tier: 'pro', source: 'override', rpm: 1000, tpm: '5000000' })
    const ended = customer({ tier_override: 'pro', tier_override_until: now })
    assert.isFalse(overrideActive(ended, now))
    assert.deepEqual(resolveTier(ended, TABLE, now), { tier: 'free', source: 'computed', rpm: 60, tpm: '100000' })
    assert.deepEqual(resolveTier(customer({ tier_override: 'top' }), TABLE, now), { tier: 'top', source: 'override', rpm: 5000, tpm: null })
  })

  test('organisations: negotiated tier with the tier’s, unlimited or a custom TPM above the table; individuals ignore negotiated terms', ({ assert }) => {
    const org = (over: Partial<CustomerTierColumns>) => customer({ type: 'organization', negotiated_tier: 'pro', ...over })
    assert.deepEqual(resolveTier(org({}), TABLE), { tier: 'pro', source: 'negotiated', rpm: 1000, tpm: '5000000' })
    assert.deepEqual(resolveTier(org({ unlimited_tpm: true }), TABLE), { tier: 'pro', source: 'negotiated', rpm: 1000, tpm: null })
    assert.deepEqual(resolveTier(org({ custom_tpm: '900000000000' }), TABLE), { tier: 'pro', source: 'negotiated', rpm: 1000, tpm: '900000000000' })
    assert.deepEqual(resolveTier(customer({ negotiated_tier: 'pro', computed_tier: 'basic' }), TABLE), { tier: 'basic', source: 'computed', rpm: 300, tpm: '1000000' })
    assert.equal(resolveTier(org({ tier_override: 'free' }), TABLE).tier, 'free')
  })
})
