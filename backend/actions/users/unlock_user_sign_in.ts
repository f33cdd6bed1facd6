import type { EngineAction } from '#services/use_case'
import type { CustomerRow } from '#services/customers/rows'
import { unlockSignIn } from '#services/auth/login_throttle'

/** Lets a customer sign in again after failed attempts locked them out (the owner called in). */
const unlockUserSignIn: EngineAction<{}, CustomerRow> = {
  async handle({ record }, { trx }) {
    const cleared = await unlockSignIn(trx, 'customer', String(record!.email))
    return { message: 'Sign-in unlocked', auditMetadata: cleared }
  },
}
export default unlockUserSignIn
