/**
 * The HTTP-session half of signing in and out, shared by the console and the portal: the use
 * cases check and record (actions/auth/), this opens or closes the browser session around them.
 * The guard's login regenerates the session id (no fixation).
 */
import type { HttpContext } from '@adonisjs/core/http'
import signIn from '#actions/auth/sign_in'
import openSession from '#actions/auth/open_session'
import signOut from '#actions/auth/sign_out'
import { SESSION_KEY } from '#middleware/session_auth'
import { runUseCase } from './use_cases.js'

export async function signInWithSession(ctx: HttpContext, kind: 'staff' | 'customer', email: string, password: string) {
  // a refusal commits (its audit row and its count), then is the answer
  const { user, refused } = await runUseCase(ctx, signIn, { kind, email, password })
  if (refused) throw refused
  await ctx.auth.use(kind).login(user as any)
  const rowId = await runUseCase(ctx, openSession, { kind, user, sessionId: ctx.session.sessionId })
  ctx.session.put(SESSION_KEY[kind], rowId)
  return user
}

export async function signOutOfSession(ctx: HttpContext, kind: 'staff' | 'customer') {
  const guard = ctx.auth.use(kind)
  const user: { id: number } | null = (await guard.check()) ? (guard.user as { id: number }) : null
  await runUseCase(ctx, signOut, { kind, sessionRowId: ctx.session.get(SESSION_KEY[kind]) ?? null, userId: user?.id ?? null })
  if (user) await guard.logout()
  ctx.session.forget(SESSION_KEY[kind])
  ctx.session.regenerate()
}
