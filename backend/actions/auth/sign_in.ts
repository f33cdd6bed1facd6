/**
 * Checks a staff member's or a customer's email and password (the business part of signing
 * in; the HTTP layer then opens the browser session, http/sign_in_session.ts).
 *
 * Throttled so that guessing is slow without handing anyone a way to lock the owner out
 * (services/auth/login_throttle.ts): past a limit the key is locked for a while with a message
 * that says when to retry; a success clears the (account, IP) pair's counter.
 *
 * A refusal is an outcome, not a throw: its audit row (and its count) must be kept, so it is
 * returned as `{ refused }` for the caller to commit and then answer with.
 */
import hash from '@adonisjs/core/services/hash'
import { randomUUID } from 'node:crypto'
import Staff from '#models/staff'
import Customer from '#models/customer'
import audit, { type Actor, type AuditEntry } from '#services/audit'
import type { DomainError } from '#exceptions/domain_errors'
import type { UseCase } from '#services/use_case'
import { loginLimits } from '#services/auth/login_throttle'
import { InvalidInput, TooManyAttempts, Forbidden } from '#exceptions/domain_errors'

export type SignInInput = { kind: 'staff' | 'customer'; email: string; password: string }
export type SignInOutcome = { user: Staff | Customer; refused?: undefined } | { user?: undefined; refused: DomainError }

// a real hash of a random password, verified when the email is unknown so timing does not tell
let dummyHash: string | undefined

const signIn: UseCase<SignInInput, SignInOutcome> = {
  async handle({ kind, email, password }, { trx, facts }) {
    const limits = loginLimits(trx, kind, email, facts.ip ?? 'unknown')
    const refuse = async (error: DomainError, entry: AuditEntry, id: number | null = null) => {
      const actor: Actor = { type: kind, id, label: email, role: null }
      await audit.record(trx, { resource: kind, ...entry, metadata: { email, ...entry.metadata } }, actor, facts)
      return { refused: error }
    }

    for (const { store, key } of limits) {
      if (await store.isBlocked(key)) {
        const wait = await store.availableIn(key)
        return refuse(new TooManyAttempts(wait, 'Too many failed sign-in attempts'), { action: 'login.locked' })
      }
    }

    const user = kind === 'staff' ? await Staff.query().whereRaw('lower(email) = ?', [email]).first() : await Customer.query().whereRaw('lower(email) = ?', [email]).first()
    dummyHash ??= await hash.make(randomUUID())
    const valid = user ? await hash.verify(user.password, password) : (await hash.verify(dummyHash, password), false)

    if (!user || !valid) {
      for (const { store, key } of limits) {
        await store.increment(key)
        if ((await store.remaining(key)) <= 0) await store.block(key, '15 mins')
      }
      const wrong = new InvalidInput([{ field: 'password', message: 'The email or password is incorrect' }], 'The email or password is incorrect')
      return refuse(wrong, { action: 'login.failed', recordId: user?.id ?? null }, user?.id ?? null)
    }

    const frozen = user instanceof Staff ? user.status !== 'active' : user.frozen
    if (frozen) {
      return refuse(new Forbidden('This account is frozen. Contact support.'), { action: 'login.refused', recordId: user.id, metadata: { why: 'frozen' } }, user.id)
    }

    await limits[0].store.delete(limits[0].key)
    return { user }
  },
}
export default signIn
