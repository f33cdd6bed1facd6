/**
 * A customer rolls a key: a new key with the same settings (`rolled_from_id` names the old one),
 * its secret shown once; the old key keeps verifying for `overlapMinutes` (0 = it stops now) and
 * then reads as expired. Works on a locked or force-rolled key too: that is how its owner gets a
 * replacement.
 */
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { InvalidInput } from '#exceptions/domain_errors'
import { MAX_OVERLAP_MINUTES, carriedSettings, insertKey, ownKeyForUpdate, retireKey } from '#services/api_keys/store'
import type { ApiKeyRow } from '#services/api_keys/rows'

type Input = { customerId: number; keyId: number; overlapMinutes: unknown }
type Output = { row: ApiKeyRow; secret: string; previous: ApiKeyRow }

const rollApiKey: UseCase<Input, Output> = {
  async handle({ customerId, keyId, overlapMinutes }, { trx, actor, facts }) {
    const overlap = overlapMinutes ?? 0
    if (!Number.isInteger(overlap) || (overlap as number) < 0 || (overlap as number) > MAX_OVERLAP_MINUTES) {
      throw new InvalidInput([{ field: 'overlap_minutes', message: `Overlap must be a whole number of minutes from 0 to ${MAX_OVERLAP_MINUTES}`, rule: 'range' }])
    }
    const old = await ownKeyForUpdate(trx, customerId, keyId)
    const previous = await retireKey(trx, old, overlap as number)
    const created = await insertKey(trx, carriedSettings(old))
    await audit.record(
      trx,
      {
        action: 'roll',
        resource: 'api-keys',
        recordId: keyId,
        before: { expires_at: old.expires_at },
        after: { expires_at: previous.expires_at },
        metadata: { overlapMinutes: overlap, newKeyId: Number(created.row.id), newPrefix: created.row.prefix },
      },
      actor,
      facts
    )
    return { ...created, previous }
  },
}
export default rollApiKey
