/**
 * The three database roles, and what each may do.
 *
 * - owner: owns every table, function and trigger; runs the migrations; never used to serve requests.
 * - app: what the web process and ace commands connect as. DML on ordinary tables; only SELECT and
 *   INSERT on the append-only tables (audit rows, ledger transactions and entries, seals); no DDL.
 *   Not a superuser and owner of nothing, so it can neither disable a trigger nor set
 *   `session_replication_role`.
 * - maintenance: used only by `ace audit:prune`; it may EXECUTE the pruning functions, nothing else.
 *
 * Grants are re-applied by the owner after every migration run (idempotent), so a table added by a
 * later migration gets DML for the app at once, and the append-only tables lose UPDATE/DELETE again.
 */
import { createHmac } from 'node:crypto'
import type pg from 'pg'

/** Tables the app may read and append to, never change. */
export const APPEND_ONLY_TABLES = ['audit_logs', 'ledger_transactions', 'ledger_entries', 'audit_seals', 'ledger_seals']
/**
 * Money requests the app creates and moves through review but never deletes: a cash adjustment
 * stays on record whatever its outcome (a trigger also freezes it once reviewed).
 */
export const NO_DELETE_TABLES = ['cash_adjustments']
/** Tables only the owner writes (migration bookkeeping, settings, prune checkpoints). */
export const OWNER_WRITTEN_TABLES = ['adonis_schema', 'adonis_schema_versions', 'database_settings', 'seal_checkpoints']
/** Functions only the maintenance role may call (SECURITY DEFINER, owned by the owner). */
export const MAINTENANCE_FUNCTIONS = ['prune_audit_logs', 'audit_prune_plan']
/** SECURITY DEFINER functions the app role may run (creating a month's usage partition). */
export const APP_FUNCTIONS = ['ensure_usage_partition']
/** The hard floor of audit retention; AUDIT_RETENTION_DAYS can only raise it. */
export const MINIMUM_RETENTION_FLOOR_DAYS = 30

export type RoleNames = { owner: string; app: string; maintenance: string }

/** Role names for a database: `<db>_owner`, `<db>_app`, `<db>_maintenance` (roles are cluster-wide). */
export function roleNamesFor(database: string): RoleNames {
  const base = database.replace(/[^a-z0-9_]/gi, '_').toLowerCase().slice(0, 40)
  return { owner: `${base}_owner`, app: `${base}_app`, maintenance: `${base}_maintenance` }
}

/** A role password derived from APP_KEY, so every instance of one deployment agrees without a store. */
export function derivedPassword(appKey: string, role: string) {
  return createHmac('sha256', appKey).update(`creditdesk database role ${role}`).digest('base64url')
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`

/** Replaces the credentials of a connection URL. */
export function withCredentials(url: string, user: string, password: string) {
  const parsed = new URL(url)
  parsed.username = encodeURIComponent(user)
  parsed.password = encodeURIComponent(password)
  return parsed.toString()
}

export function userOf(url: string) {
  return decodeURIComponent(new URL(url).username)
}

/**
 * Creates or updates a LOGIN role with no privileges of its own (idempotent; a re-run resets the
 * password and strips any attribute someone added).
 */
export async function ensureLoginRole(client: pg.Client, name: string, password: string) {
  const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])
  const verb = found.rowCount ? 'ALTER' : 'CREATE'
  await client.query(
    `${verb} ROLE ${ident(name)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(password)}`
  )
}

/** Whether the connected role may create roles (then it can provision app and maintenance itself). */
export async function mayCreateRoles(client: pg.Client) {
  const { rows } = await client.query('SELECT rolsuper OR rolcreaterole AS may FROM pg_roles WHERE rolname = current_user')
  return rows[0]?.may === true
}

type Queryable = { rawQuery(sql: string, bindings?: any[]): Promise<any> }

/**
 * The grants, as statements the owner runs in one transaction (so the app never holds UPDATE on an
 * append-only table, even for a moment). Only objects that exist are named.
 */
export async function grantStatements(client: Queryable, roles: { app: string; maintenance?: string | null }) {
  const { rows } = await client.rawQuery(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE'`
  )
  const tables = new Set(rows.filter((r: any) => r.schema === 'public').map((r: any) => r.name as string))
  const hasBoss = rows.some((r: any) => r.schema === 'pgboss')
  const app = ident(roles.app)
  const statements = [
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
  ]
  const appendOnly = APPEND_ONLY_TABLES.filter((t) => tables.has(t))
  if (appendOnly.length) statements.push(`REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON ${appendOnly.map(ident).join(', ')} FROM ${app}`)
  const kept = NO_DELETE_TABLES.filter((t) => tables.has(t))
  if (kept.length) statements.push(`REVOKE DELETE, TRUNCATE ON ${kept.map(ident).join(', ')} FROM ${app}`)
  const ownerOnly = OWNER_WRITTEN_TABLES.filter((t) => tables.has(t))
  if (ownerOnly.length) statements.push(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON ${ownerOnly.map(ident).join(', ')} FROM ${app}`)
  if (hasBoss) {
    statements.push(
      `GRANT USAGE ON SCHEMA pgboss TO ${app}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${app}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO ${app}`,
      `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${app}`
    )
  }
  const { rows: functions } = await client.rawQuery(
    `SELECT p.proname AS name, p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prosecdef`
  )
  for (const { name, signature } of functions) {
    statements.push(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`)
    if (roles.maintenance && MAINTENANCE_FUNCTIONS.includes(name)) {
      statements.push(`GRANT USAGE ON SCHEMA public TO ${ident(roles.maintenance)}`, `GRANT EXECUTE ON FUNCTION ${signature} TO ${ident(roles.maintenance)}`)
    }
    if (APP_FUNCTIONS.includes(name)) statements.push(`GRANT EXECUTE ON FUNCTION ${signature} TO ${app}`)
  }
  return statements
}

/** Runs the grants as the owner, in one transaction, then records the minimum retention. */
export async function applyGrants(owner: Queryable & { transaction: Function }, roles: { app: string; maintenance?: string | null }, minimumRetentionDays: number) {
  await owner.transaction(async (trx: Queryable) => {
    for (const sql of await grantStatements(trx, roles)) await trx.rawQuery(sql)
    // PostgreSQL < 15 lets everyone create in public; the app must not (ignored where not permitted)
    await trx.rawQuery(`DO $$ BEGIN REVOKE CREATE ON SCHEMA public FROM PUBLIC; EXCEPTION WHEN insufficient_privilege THEN NULL; END $$`)
    const days = Math.max(MINIMUM_RETENTION_FLOOR_DAYS, Math.floor(minimumRetentionDays))
    await trx.rawQuery(
      `INSERT INTO database_settings (name, value) VALUES ('audit_minimum_retention_days', ?)
       ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value WHERE database_settings.value <> EXCLUDED.value`,
      [String(days)]
    )
  })
}

/** What a DBA runs once on an external server (`ace db:grants` prints it). */
export function dbaScript(database: string, roles: RoleNames) {
  const d = ident(database)
  return `-- Creditdesk: roles for database ${database} (run once as a superuser or a role with CREATEROLE)
CREATE ROLE ${ident(roles.owner)} LOGIN PASSWORD 'change-me-owner';            -- DATABASE_URL (migrations)
CREATE ROLE ${ident(roles.app)} LOGIN PASSWORD 'change-me-app';                -- DATABASE_APP_URL
CREATE ROLE ${ident(roles.maintenance)} LOGIN PASSWORD 'change-me-maintenance'; -- DATABASE_MAINTENANCE_URL
-- none of them SUPERUSER, CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS
ALTER DATABASE ${d} OWNER TO ${ident(roles.owner)};
\\connect ${d}
ALTER SCHEMA public OWNER TO ${ident(roles.owner)};
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT CONNECT ON DATABASE ${d} TO ${ident(roles.app)}, ${ident(roles.maintenance)};
-- pg_trgm is a trusted extension: the owner creates it in the first migration.

-- The application applies the rest itself, as the owner, after every migration run:
--   GRANT USAGE ON SCHEMA public TO app;
--   GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO app;
--   GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO app;
--   REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY_TABLES.join(', ')} FROM app;
--   REVOKE DELETE, TRUNCATE ON ${NO_DELETE_TABLES.join(', ')} FROM app;
--   REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${OWNER_WRITTEN_TABLES.join(', ')} FROM app;
--   the same DML on schema pgboss (background jobs), EXECUTE on its functions;
--   REVOKE ALL ON the SECURITY DEFINER functions FROM PUBLIC; GRANT EXECUTE ON
--   ${MAINTENANCE_FUNCTIONS.join(', ')} TO maintenance and ${APP_FUNCTIONS.join(', ')} TO app.
`
}
