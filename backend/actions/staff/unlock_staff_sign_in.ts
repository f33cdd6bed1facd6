import type { EngineAction } from '#services/use_case'
import type { StaffRow } from '#services/staff/rows'
import { unlockSignIn } from '#services/auth/login_throttle'

/** Lets a staff member sign in again after failed attempts locked them out. */
const unlockStaffSignIn: EngineAction<{}, StaffRow> = {
  async handle({ record }, { trx }) {
    const cleared = await unlockSignIn(trx, 'staff', String(record!.email))
    return { message: 'Sign-in unlocked', auditMetadata: cleared }
  },
}
export default unlockStaffSignIn
