import type { ActionContext, UseCase } from '#engine/types'
import { unlockSignIn } from '#actions/auth/unlock_sign_in'

/** Lets a staff member sign in again after failed attempts locked them out. */
const unlockStaffSignIn: UseCase = {
  async handle({ trx, record }: ActionContext) {
    const cleared = await unlockSignIn(trx, 'staff', String(record!.email))
    return { message: 'Sign-in unlocked', auditMetadata: cleared }
  },
}
export default unlockStaffSignIn
