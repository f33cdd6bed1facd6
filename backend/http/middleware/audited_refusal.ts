/**
 * Audits a refused request (wrong service token, bad CSRF token, invalid reset link…) without
 * letting an attacker flood the audit table: at most one row per kind of refusal per client IP
 * per minute, counted by the application's rate limiter (its PostgreSQL store, shared by every
 * instance). Refusals past that cap are still refused, only not written again.
 */
import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import audit, { type Actor, type AuditEntry } from '#services/audit'

export const REFUSAL_AUDIT_LIMIT = { requests: 1, duration: '1 minute' } as const

export async function auditRefusal(ctx: HttpContext, kind: string, entry: AuditEntry, actor?: Actor) {
  const key = `audit_refusal:${kind}:${ctx.request.ip()}`
  await limiter.use(REFUSAL_AUDIT_LIMIT).attempt(key, () =>
    audit.standalone(ctx, { ...entry, metadata: { ...(entry.metadata ?? {}), kind, path: ctx.request.url(), method: ctx.request.method() } }, actor)
  )
}
