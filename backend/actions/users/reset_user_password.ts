import { createHash, randomBytes } from 'node:crypto'
import env from '#start/env'
import type { EngineAction } from '#services/use_case'
import type { CustomerRow } from '#services/customers/rows'

export const RESET_LINK_HOURS = 24

/**
 * Issues a one-time password reset link for a customer. Only a hash of the token is stored;
 * the link itself is shown once to the operator and never written to the audit trail.
 * Issuing a new link replaces the previous one. The link points at APP_URL, else at the
 * address the request came to.
 */
const resetUserPassword: EngineAction<{}, CustomerRow> = {
  async handle({ record }, { trx, facts }) {
    const token = randomBytes(32).toString('base64url')
    const expiresAt = new Date(Date.now() + RESET_LINK_HOURS * 3600_000)
    await trx
      .from('customers')
      .where('id', record!.id)
      .update({ password_reset_hash: createHash('sha256').update(token).digest('hex'), password_reset_expires_at: expiresAt, updated_at: new Date() })
    const origin = env.get('APP_URL') ?? facts.origin ?? ''
    return {
      message: 'Reset link created. It is shown only once.',
      result: { resetUrl: `${origin}/reset-password?token=${token}`, expiresAt: expiresAt.toISOString() },
      auditMetadata: { expiresAt: expiresAt.toISOString() },
    }
  },
}
export default resetUserPassword
