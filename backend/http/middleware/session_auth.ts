/**
 * Session authentication shared by both identities. Besides the guard's own key, the session
 * must still have its auth_sessions row un-revoked and the account must not be frozen: that is
 * how signing out, freezing an account or changing a password ends sessions at once.
 *
 * One statement per request answers all of it: the auth_sessions row joined with the account's
 * current row, so a frozen account, a revoked session or a changed role take effect on the very
 * next request, on every app instance, with nothing cached. The guard is then handed that row
 * instead of reading the account again.
 */
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Staff from '#models/staff'
import Customer from '#models/customer'
import { Unauthenticated } from '#exceptions/domain_errors'

export const SESSION_KEY = { staff: 'cd_staff_session', customer: 'cd_customer_session' } as const

/** last_seen_at is a "last active around" for the owner's session list: refreshed at most this often */
const LAST_SEEN_EVERY_MS = 60_000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

type Kind = 'staff' | 'customer'
const MODELS = { staff: Staff, customer: Customer } as const

/**
 * The statement, built once per identity and run as a named (prepared) statement: every request
 * runs it, so PostgreSQL parses and plans it once per connection instead of each time. It names
 * the model's columns rather than `*`, so a column added later does not change the prepared
 * statement's result.
 */
const principalSql = new Map<Kind, string>()
function principalStatement(kind: Kind) {
  let sql = principalSql.get(kind)
  if (!sql) {
    const Model = MODELS[kind]
    Model.boot() // its table and columns are known once booted (idempotent)
    const columns = [...Model.$columnsDefinitions.values()].map((c) => `u."${c.columnName}"`).join(', ')
    sql = `SELECT ${columns}, a.revoked_at AS auth_revoked_at, a.last_seen_at AS auth_last_seen_at
             FROM "${Model.table}" u JOIN auth_sessions a ON a.subject_id = u.id
            WHERE a.id = $1 AND a.subject_type = $2 AND u.id = $3`
    principalSql.set(kind, sql)
  }
  return sql
}

/**
 * Runs on a connection of the application's pool (or the enclosing transaction's, in tests)
 * straight through the driver: a fixed read on the path of every request needs none of the
 * query builder's work.
 */
async function readPrincipal(kind: Kind, sessionRowId: string, userId: number): Promise<Record<string, any> | null> {
  const knex = db.connection().getReadClient() as any
  const connection = await knex.client.acquireConnection()
  try {
    const result = await connection.query({ name: `creditdesk_principal_${kind}`, text: principalStatement(kind), values: [sessionRowId, kind, userId] })
    return result.rows[0] ?? null
  } finally {
    await knex.client.releaseConnection(connection)
  }
}

export async function authenticateSession(ctx: HttpContext, kind: 'staff'): Promise<{ user: Staff }>
export async function authenticateSession(ctx: HttpContext, kind: 'customer'): Promise<{ user: Customer }>
export async function authenticateSession(ctx: HttpContext, kind: Kind): Promise<{ user: Staff | Customer }> {
  const guard = ctx.auth.use(kind)
  const userId = ctx.session.get(guard.sessionKeyName)
  if (userId === undefined || userId === null) throw new Unauthenticated('Sign in first')

  const sessionRowId = ctx.session.get(SESSION_KEY[kind])
  const Model = MODELS[kind]
  const row = typeof sessionRowId === 'string' && UUID.test(sessionRowId) ? await readPrincipal(kind, sessionRowId, Number(userId)) : null

  const user = row ? Model.$createFromAdapterResult(row)! : null
  const frozen = user instanceof Staff ? user.status !== 'active' : Boolean(user?.frozen)
  if (!row || !user || row.auth_revoked_at || frozen) {
    await guard.logout()
    ctx.session.forget(SESSION_KEY[kind])
    throw new Unauthenticated(frozen ? 'This account is frozen' : 'Your session has ended. Sign in again.')
  }

  // what guard.check() would have set after reading the account again
  guard.user = user as any
  guard.isAuthenticated = true
  guard.authenticationAttempted = true

  if (Date.now() - new Date(row.auth_last_seen_at).getTime() > LAST_SEEN_EVERY_MS) {
    await db.from('auth_sessions').where('id', sessionRowId).update({ last_seen_at: new Date() })
  }
  return { user }
}
