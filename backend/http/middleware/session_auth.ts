/**
 * Session authentication shared by both identities. Besides the guard's own check, the
 * session must still have its auth_sessions row un-revoked and the account must not be
 * frozen: that is how freezing an account or changing a password ends sessions at once.
 */
import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import AuthSession from '#models/auth_session'
import { Unauthenticated } from '#exceptions/domain_errors'

export const SESSION_KEY = { staff: 'cd_staff_session', customer: 'cd_customer_session' } as const

export async function authenticateSession(ctx: HttpContext, kind: 'staff' | 'customer') {
  const guard = ctx.auth.use(kind)
  const user: any = (await guard.check()) ? guard.user : null
  if (!user) throw new Unauthenticated('Sign in first')

  const sessionRowId = ctx.session.get(SESSION_KEY[kind])
  const row = sessionRowId ? await AuthSession.find(sessionRowId) : null
  const frozen = kind === 'staff' ? user.status !== 'active' : user.frozen
  if (!row || row.revokedAt || Number(row.subjectId) !== Number(user.id) || row.subjectType !== kind || frozen) {
    await guard.logout()
    ctx.session.forget(SESSION_KEY[kind])
    throw new Unauthenticated(frozen ? 'This account is frozen' : 'Your session has ended. Sign in again.')
  }
  if (row.lastSeenAt.diffNow('minutes').minutes < -1) {
    row.lastSeenAt = DateTime.now()
    await row.save()
  }
  return { user, session: row }
}
