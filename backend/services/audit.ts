/**
 * The audit writer. Every mutation calls `audit.record(trx, ...)` with the transaction of the
 * change itself, so the row exists if and only if the change committed.
 */
import type { HttpContext } from '@adonisjs/core/http'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'

export type Actor = {
  type: 'staff' | 'customer' | 'system'
  id: number | null
  label: string | null
  role: string | null
}

export type AuditEntry = {
  action: string
  resource?: string | null
  recordId?: string | number | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
  metadata?: Record<string, unknown> | null
  reason?: string | null
}

export type RequestFacts = {
  ip: string | null
  userAgent: string | null
  requestId: string | null
  /** The client's `Idempotency-Key` header: one per submission, so a double click acts once. */
  idempotencyKey?: string | null
  /** Where the request was addressed (`https://host`), for links a use case hands out; not audited. */
  origin?: string | null
  /**
   * Ledger time of a history import run in process (the demo seed's months of an organization's
   * usage): usage ingestion dates its postings then instead of now. Never read from a request.
   */
  ledgerTime?: Date
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, label: 'system', role: null }

/** Who is acting in this request: the signed-in staff member, else the customer, else the system. */
export function actorOf(ctx?: HttpContext): Actor {
  if (!ctx) return SYSTEM_ACTOR
  const staff = ctx.auth?.use('staff').user as any
  if (staff) return { type: 'staff', id: staff.id, label: staff.email, role: staff.role?.name ?? null }
  const customer = ctx.auth?.use('customer').user as any
  if (customer) return { type: 'customer', id: customer.id, label: customer.email, role: null }
  return { type: 'system', id: null, label: null, role: null }
}

export function requestFacts(ctx?: HttpContext): RequestFacts {
  if (!ctx) return { ip: null, userAgent: null, requestId: null }
  return {
    ip: ctx.request.ip(),
    userAgent: (ctx.request.header('user-agent') ?? '').slice(0, 512) || null,
    requestId: ctx.request.id() ?? null,
    idempotencyKey: ctx.request.header('idempotency-key')?.trim().slice(0, 255) || null,
    origin: `${ctx.request.protocol()}://${ctx.request.host()}`,
  }
}

/** Only the fields that differ, so a row shows what changed and nothing else. */
export function diff(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined) {
  if (!before || !after) return { before: before ?? null, after: after ?? null }
  const b: Record<string, unknown> = {}
  const a: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null
      a[key] = after[key] ?? null
    }
  }
  return { before: b, after: a }
}

/** The audit_logs row of one entry. */
function auditRow(entry: AuditEntry, actor: Actor, facts: RequestFacts) {
  const changes = entry.before || entry.after ? { before: entry.before ?? null, after: entry.after ?? null } : null
  return {
    actor_type: actor.type,
    actor_id: actor.id,
    actor_label: actor.label,
    actor_role: actor.role,
    action: entry.action,
    resource: entry.resource ?? null,
    record_id: entry.recordId === undefined || entry.recordId === null ? null : String(entry.recordId),
    changes: changes ? JSON.stringify(changes) : null,
    metadata: entry.metadata ? JSON.stringify(entry.metadata) : null,
    reason: entry.reason ?? null,
    ip: facts.ip,
    user_agent: facts.userAgent,
    request_id: facts.requestId,
  }
}

class AuditWriter {
  async record(client: QueryClientContract, entry: AuditEntry, actor: Actor, facts: RequestFacts) {
    await client.insertQuery().table('audit_logs').insert(auditRow(entry, actor, facts))
  }

  /** Several rows by the same actor in one statement (a batch's postings). */
  async recordMany(client: QueryClientContract, entries: AuditEntry[], actor: Actor, facts: RequestFacts) {
    if (!entries.length) return
    await client.insertQuery().table('audit_logs').multiInsert(entries.map((entry) => auditRow(entry, actor, facts)))
  }

  /** Audit from inside an HTTP request: actor and request facts come from the context. */
  async fromRequest(client: QueryClientContract, ctx: HttpContext, entry: AuditEntry) {
    await this.record(client, entry, actorOf(ctx), requestFacts(ctx))
  }

  /** For events that change nothing else (login failures, denials, exports): its own short transaction. */
  async standalone(ctx: HttpContext | undefined, entry: AuditEntry, actor?: Actor) {
    await this.record(db.connection(), entry, actor ?? actorOf(ctx), requestFacts(ctx))
  }
}

const audit = new AuditWriter()
export default audit
