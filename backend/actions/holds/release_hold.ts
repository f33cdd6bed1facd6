/**
 * Releases a hold: all of it goes back to the customer (services/holds/settle.ts) and its
 * generation is marked failed — a failed job is never charged. Exactly once: the hold row is
 * locked first; releasing a released (or expired) hold answers it as it is (`replayed`); a
 * captured hold cannot be released (409 with its status).
 */
import type { UseCase } from '#services/use_case'
import { HoldSettled } from '#services/holds/errors'
import { generationOf, lockHold, settleHold } from '#services/holds/settle'
import type { HoldResult } from '#services/holds/rows'

export type ReleaseHoldInput = { holdId: number; failureReason?: string | null }

const releaseHold: UseCase<ReleaseHoldInput, HoldResult> = {
  async handle(input, deps) {
    const hold = await lockHold(deps.trx, input.holdId)
    if (hold.status === 'released' || hold.status === 'expired') {
      return { hold, generation: await generationOf(deps.trx, hold.id), replayed: true }
    }
    if (hold.status !== 'held') throw new HoldSettled(`This hold was already ${hold.status}: it cannot be released`, hold.status)
    const settled = await settleHold(deps.trx, hold, { kind: 'release', failureReason: input.failureReason ?? null }, deps)
    return { hold: settled, generation: await generationOf(deps.trx, hold.id), replayed: false }
  },
}
export default releaseHold
