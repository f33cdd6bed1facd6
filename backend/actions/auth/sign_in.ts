/**
 * Signs a staff member or a customer in with email and password.
 *
 * Throttled so that guessing is slow without handing anyone a way to lock the owner out:
 * failures lock the (account, IP) pair first (5), the IP across accounts at 30, and the account
 * from every IP only at a much higher count (50, a distributed attack). A success clears the
 * pair's counter; a staff member can clear an account's locks (unlock_sign_in.ts). Past a limit
 * the key is locked for a while with a message that says when to retry. The session id is
 * regenerated (the guard's login does it), a row is opened in auth_sessions, and the attempt is
 * audited either way.
 */
import type { HttpContext } from '@adonisjs/core/http'
import { transaction } from '#services/transaction'
import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import Staff from '#models/staff'
import Customer from '#models/customer'
import AuthSession from '#models/auth_session'
import audit, { requestFacts } from '#services/audit'
import { InvalidInput, TooManyAttempts, Forbidden } from '#exceptions/domain_errors'
import { SESSION_KEY } from '#middleware/session_auth'

export const LOGIN_LIMITS = {
  perPair: { requests: 5, duration: '15 mins', blockDuration: '15 mins' },
  perIp: { requests: 30, duration: '15 mins', blockDuration: '15 mins' },
  perAccount: { requests: 50, duration: '15 mins', blockDuration: '15 mins' },
}

/** The limiter keys of one sign-in attempt; unlock_sign_in.ts rebuilds them to clear a lock. */
export const loginKeys = {
  pair: (kind: string, email: string, ip: string) => `login:${kind}:pair:${email.toLowerCase()}:${ip}`,
  ip: (kind: string, ip: string) => `login:${kind}:ip:${ip}`,
  account: (kind: string, email: string) => `login:${kind}:account:${email.toLowerCase()}`,
}

// a real hash of a random password, verified when the email is unknown so timing does not tell
let dummyHash: string | undefined

export async function signIn(ctx: HttpContext, kind: 'staff' | 'customer', email: string, password: string) {
  const pairLimiter = limiter.use(LOGIN_LIMITS.perPair)
  const pairKey = loginKeys.pair(kind, email, ctx.request.ip())
  const limits = [
    [pairLimiter, pairKey],
    [limiter.use(LOGIN_LIMITS.perIp), loginKeys.ip(kind, ctx.request.ip())],
    [limiter.use(LOGIN_LIMITS.perAccount), loginKeys.account(kind, email)],
  ] as const

  for (const [store, key] of limits) {
    if (await store.isBlocked(key)) {
      const wait = await store.availableIn(key)
      await audit.standalone(ctx, { action: 'login.locked', resource: kind, metadata: { email } }, { type: kind, id: null, label: email, role: null })
      throw new TooManyAttempts(wait, 'Too many failed sign-in attempts')
    }
  }

  const Model: any = kind === 'staff' ? Staff : Customer
  const user = await Model.query().whereRaw('lower(email) = ?', [email]).first()
  dummyHash ??= await hash.make(randomUUID())
  const valid = user ? await hash.verify(user.password, password) : (await hash.verify(dummyHash, password), false)

  if (!valid) {
    for (const [store, key] of limits) {
      await store.increment(key)
      if ((await store.remaining(key)) <= 0) await store.block(key, '15 mins')
    }
    await audit.standalone(ctx, { action: 'login.failed', resource: kind, recordId: user?.id ?? null, metadata: { email } }, {
      type: kind,
      id: user?.id ?? null,
      label: email,
      role: null,
    })
    throw new InvalidInput([{ field: 'password', message: 'The email or password is incorrect' }], 'The email or password is incorrect')
  }

  const frozen = kind === 'staff' ? user.status !== 'active' : user.frozen
  if (frozen) {
    await audit.standalone(ctx, { action: 'login.refused', resource: kind, recordId: user.id, metadata: { email, why: 'frozen' } }, {
      type: kind,
      id: user.id,
      label: email,
      role: null,
    })
    throw new Forbidden('This account is frozen. Contact support.')
  }

  await pairLimiter.delete(pairKey)
  await ctx.auth.use(kind).login(user)

  const facts = requestFacts(ctx)
  await transaction(async (trx) => {
    const row = await AuthSession.create(
      { id: randomUUID(), subjectType: kind, subjectId: user.id, sessionId: ctx.session.sessionId, ip: facts.ip, userAgent: facts.userAgent },
      { client: trx }
    )
    ctx.session.put(SESSION_KEY[kind], row.id)
    user.useTransaction(trx)
    user.lastLoginAt = DateTime.now()
    await user.save()
    if (kind === 'staff') await user.load('role')
    await audit.record(trx, { action: 'login', resource: kind, recordId: user.id }, {
      type: kind,
      id: user.id,
      label: user.email,
      role: kind === 'staff' ? user.role?.name ?? null : null,
    }, facts)
  })
  return user
}

/** Ends this session: the guard forgets the user, the session row is revoked, logout audited. */
export async function signOut(ctx: HttpContext, kind: 'staff' | 'customer') {
  const guard = ctx.auth.use(kind)
  const user: any = (await guard.check()) ? guard.user : null
  const rowId = ctx.session.get(SESSION_KEY[kind])
  await transaction(async (trx) => {
    if (rowId) {
      await trx.from('auth_sessions').where('id', rowId).whereNull('revoked_at').update({ revoked_at: new Date(), revoked_reason: 'logout' })
    }
    if (user) await audit.fromRequest(trx, ctx, { action: 'logout', resource: kind, recordId: user.id })
  })
  if (user) await guard.logout()
  ctx.session.forget(SESSION_KEY[kind])
  ctx.session.regenerate()
}

/** Revokes sessions of an account (all, or all but one) and deletes their server-side data. */
export async function revokeSessions(
  trx: any,
  kind: 'staff' | 'customer',
  subjectId: number,
  reason: string,
  exceptRowId?: string
): Promise<number> {
  const query = trx.from('auth_sessions').where({ subject_type: kind, subject_id: subjectId }).whereNull('revoked_at')
  if (exceptRowId) query.whereNot('id', exceptRowId)
  const revoked = await query.update({ revoked_at: new Date(), revoked_reason: reason }).returning(['session_id'])
  const ids = revoked.map((r: any) => r.session_id)
  if (ids.length) await trx.from('sessions').whereIn('id', ids).delete()
  return ids.length
}
