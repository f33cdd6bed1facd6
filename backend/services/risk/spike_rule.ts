/**
 * The spike rule in integers (no floats anywhere): `observed` and `total` (the sum over the
 * baseline period) in the metric's unit — ledger units for spend, requests for request rate.
 *
 *   average per window   = total × W ÷ B            (W = window minutes, B = baseline minutes)
 *   with a history       : spike ⇔ observed ≥ minimum and observed ≥ factor × average
 *   without (total = 0)  : spike ⇔ observed ≥ factor × minimum
 *   and always observed > 0.
 *
 * The comparison is exact (cross-multiplied); only the figures stored on the alert (average and
 * threshold) are rounded, half-even at 6 decimals of the unit.
 */
import { formatUnits } from '#contract/money'
import { divideHalfEven, scaled } from '#services/usage/pricing'

export type SpikeSettings = { windowMinutes: number; baselineHours: number; factor: string; minimum: bigint }
export type SpikeVerdict = { spike: boolean; baseline: string; threshold: string }

const FACTOR_SCALE = 10_000n // numeric(8,4)
const STORED_SCALE = 1_000_000n // numeric(38,6)

export function judgeSpike(observed: bigint, total: bigint, settings: SpikeSettings): SpikeVerdict {
  const w = BigInt(settings.windowMinutes)
  const b = BigInt(settings.baselineHours) * 60n
  const f = scaled(settings.factor, 4)
  const m = settings.minimum

  const spike =
    observed > 0n && (total === 0n ? observed * FACTOR_SCALE >= f * m : observed >= m && observed * b * FACTOR_SCALE >= f * total * w)

  // stored figures, in 10⁻⁶ of the unit
  const baseline = divideHalfEven(total * w * STORED_SCALE, b)
  const byFactor = total === 0n ? divideHalfEven(f * m * STORED_SCALE, FACTOR_SCALE) : divideHalfEven(f * total * w * STORED_SCALE, b * FACTOR_SCALE)
  const floor = total === 0n ? 0n : m * STORED_SCALE
  const threshold = byFactor > floor ? byFactor : floor
  return { spike, baseline: formatUnits(baseline, 6), threshold: formatUnits(threshold, 6) }
}
