/**
 * Audits a refused request (wrong service token or admin key, bad CSRF token, invalid reset
 * link…) without letting an attacker flood the audit table: at most REFUSAL_AUDIT_LIMIT rows
 * per kind of refusal per client IP per minute, counted by the application's rate limiter (its
 * PostgreSQL store, shared by every instance). The last row written before the cap says so;
 * refusals past it are still refused, only not written again until the minute is over. The count
 * goes through the request's database connection (`db.connection()`), like the audit row.
 */
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { limiterIn } from '#services/throttle'
import audit, { type Actor, type AuditEntry } from '#services/audit'

export const REFUSAL_AUDIT_LIMIT = { requests: 5, duration: '1 minute' } as const

export async function auditRefusal(ctx: HttpContext, kind: string, entry: AuditEntry, actor?: Actor) {
  const key = `audit_refusal:${kind}:${ctx.request.ip()}`
  const cap = limiterIn(db.connection(), REFUSAL_AUDIT_LIMIT)
  await cap.attempt(key, async () => {
    const last = (await cap.remaining(key)) <= 0
    const metadata = {
      ...(entry.metadata ?? {}),
      kind,
      method: ctx.request.method(),
      path: ctx.request.url(),
      ...(last ? { capped: `further refusals of this kind from this IP are not recorded for ${REFUSAL_AUDIT_LIMIT.duration}` } : {}),
    }
    await audit.standalone(ctx, { ...entry, metadata }, actor)
  })
}
