/**
 * Captures a hold when its job is done: `amount` (≤ the held amount; all of it when omitted) is
 * charged out of the hold and the rest released, the generation completed with its output
 * (services/holds/settle.ts). Exactly once: the hold row is locked first; a repeat of the same
 * capture answers the captured hold (`replayed`), anything else after settlement is a 409 naming
 * the hold's status.
 */
import type { UseCase } from '#services/use_case'
import { InvalidInput } from '#exceptions/domain_errors'
import { fromUnits } from '#services/ledger/amounts'
import { HoldSettled } from '#services/holds/errors'
import { generationOf, lockHold, settleHold } from '#services/holds/settle'
import type { HoldResult } from '#services/holds/rows'

export type CaptureHoldInput = { holdId: number; amount?: bigint | null; outputUrls?: string[] }


const captureHold: UseCase<CaptureHoldInput, HoldResult> = {
  async handle(input, deps) {
    const hold = await lockHold(deps.trx, input.holdId)
    const held = BigInt(hold.amount)
    const amount = input.amount ?? held
    if (amount > held) {
      throw new InvalidInput([{ field: 'amount', message: `Amount cannot be more than the held ${fromUnits(held)}`, rule: 'max' }])
    }
    if (hold.status === 'captured' && BigInt(hold.captured!) === amount) {
      return { hold, generation: await generationOf(deps.trx, hold.id), replayed: true }
    }
    if (hold.status === 'captured') {
      throw new HoldSettled(`This hold was already captured for ${fromUnits(hold.captured!)}`, hold.status)
    }
    if (hold.status !== 'held') throw new HoldSettled(`This hold was already ${hold.status}: nothing is left to capture`, hold.status)
    const settled = await settleHold(deps.trx, hold, { kind: 'capture', amount, outputUrls: input.outputUrls }, deps)
    return { hold: settled, generation: await generationOf(deps.trx, hold.id), replayed: false }
  },
}
export default captureHold
