import type { ActionContext, UseCase } from '#engine/types'
import { unlockSignIn } from '#actions/auth/unlock_sign_in'

/** Lets a customer sign in again after failed attempts locked them out (the owner called in). */
const unlockUserSignIn: UseCase = {
  async handle({ trx, record }: ActionContext) {
    const cleared = await unlockSignIn(trx, 'customer', String(record!.email))
    return { message: 'Sign-in unlocked', auditMetadata: cleared }
  },
}
export default unlockUserSignIn
