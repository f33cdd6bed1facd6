/**
 * Releases holds past their expiry (job `holds-expire`, every minute): each becomes `expired`
 * with all of its money back, its generation failed. Holds are claimed with SKIP LOCKED, one
 * transaction per hold, so a capture or release holding a row is not waited for (it settles the
 * hold itself, and the job skips it next time), and several runners never settle the same hold.
 * Running it again changes nothing: only holds still `held` are picked.
 */
import { transaction } from '#services/transaction'
import { SYSTEM_ACTOR } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { settleHold } from './settle.js'
import type { HoldRow } from './rows.js'

const EXPIRY_ACTOR = { ...SYSTEM_ACTOR, label: 'holds-expire' }

export async function expireHolds(now = new Date(), limit = 1000) {
  let expired = 0
  for (let i = 0; i < limit; i++) {
    const done = await transaction(async (trx) => {
      const hold: HoldRow | undefined = await trx
        .from('holds')
        .where('status', 'held')
        .where('expires_at', '<=', now)
        .orderBy('expires_at')
        .orderBy('id')
        .forUpdate()
        .skipLocked()
        .first()
      if (!hold) return false
      await settleHold(trx, hold, { kind: 'expire' }, { actor: EXPIRY_ACTOR, facts: NO_REQUEST })
      return true
    })
    if (!done) break
    expired++
  }
  return expired
}
