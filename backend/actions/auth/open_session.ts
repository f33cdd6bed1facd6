/**
 * After a successful sign-in (sign_in.ts) and the guard's login: the server-side record of the
 * new browser session (auth_sessions, listed and revocable by its owner), the account's last
 * sign-in time and the `login` audit row, in the caller's transaction. Returns the row id the
 * HTTP session keeps.
 */
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import type Staff from '#models/staff'
import type Customer from '#models/customer'
import AuthSession from '#models/auth_session'
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'

export type OpenSessionInput = { kind: 'staff' | 'customer'; user: Staff | Customer; sessionId: string }

const openSession: UseCase<OpenSessionInput, string> = {
  async handle({ kind, user, sessionId }, { trx, facts }) {
    const row = await AuthSession.create(
      { id: randomUUID(), subjectType: kind, subjectId: user.id, sessionId, ip: facts.ip, userAgent: facts.userAgent },
      { client: trx }
    )
    user.useTransaction(trx)
    user.lastLoginAt = DateTime.now()
    await user.save()
    let role: string | null = null
    if (kind === 'staff') {
      const staff = user as Staff
      await staff.load('role')
      role = staff.role?.name ?? null
    }
    await audit.record(trx, { action: 'login', resource: kind, recordId: user.id }, { type: kind, id: user.id, label: user.email, role }, facts)
    return row.id
  },
}
export default openSession
