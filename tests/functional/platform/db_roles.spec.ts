/**
 * The application's database role cannot rewrite history, by any route: privileges it does not
 * hold, protections it cannot switch off, and a guard on the one money column it may write.
 * These tests connect as the app role, exactly as the server does.
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import pg from 'pg'
import { owner } from '#tests/support/owner'

const PROTECTED = ['audit_logs', 'ledger_entries', 'ledger_transactions']

/** Runs SQL in a transaction of its own as the app role, expecting the database to refuse it. */
async function refused(assert: any, sql: string | string[], message: RegExp) {
  const statements = Array.isArray(sql) ? sql : [sql]
  await assert.rejects(
    () =>
      db.transaction(async (trx) => {
        for (const statement of statements) await trx.rawQuery(statement)
      }),
    message
  )
}

test.group('Database roles: the app role', () => {
  test('is neither a superuser nor the owner of anything', async ({ assert }) => {
    const { rows } = await db.rawQuery(
      `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
              (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid) AS owned,
              current_user AS name
         FROM pg_roles r WHERE r.rolname = current_user`
    )
    assert.isFalse(rows[0].rolsuper)
    assert.isFalse(rows[0].rolcreaterole)
    assert.isFalse(rows[0].rolcreatedb)
    assert.isFalse(rows[0].rolbypassrls)
    assert.equal(Number(rows[0].owned), 0)
    const ownerName = (await owner().rawQuery('SELECT current_user AS name')).rows[0].name
    assert.notEqual(rows[0].name, ownerName)
  })

  test('UPDATE, DELETE and TRUNCATE of audit rows, ledger entries and transactions are refused', async ({ assert }) => {
    for (const table of PROTECTED) {
      await refused(assert, `UPDATE ${table} SET id = id`, new RegExp(`permission denied for table ${table}`))
      await refused(assert, `DELETE FROM ${table}`, new RegExp(`permission denied for table ${table}`))
      await refused(assert, `TRUNCATE ${table}`, new RegExp(`permission denied for table ${table}`))
    }
  })

  test('the old session flag no longer lets a DELETE through', async ({ assert }) => {
    await refused(assert, ["SET LOCAL creditdesk.audit_prune = 'on'", 'DELETE FROM audit_logs'], /permission denied for table audit_logs/)
  })

  test('the prune function is not the app role\'s to call', async ({ assert }) => {
    await refused(assert, "SELECT prune_audit_logs(now() + interval '1 day')", /permission denied for function prune_audit_logs/)
  })

  test('replication mode (which skips triggers) cannot be switched on', async ({ assert }) => {
    await refused(assert, 'SET LOCAL session_replication_role = replica', /permission denied to set parameter "session_replication_role"/)
  })

  test('triggers cannot be disabled and no DDL is possible', async ({ assert }) => {
    await refused(assert, 'ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only', /must be owner of table audit_logs/)
    await refused(assert, 'ALTER TABLE ledger_accounts DISABLE TRIGGER ledger_accounts_balance_guard', /must be owner of table ledger_accounts/)
    await refused(assert, 'CREATE TABLE intruder (id int)', /permission denied for schema public/)
    await refused(assert, 'DROP TABLE audit_logs', /must be owner of table audit_logs/)
    await refused(assert, 'CREATE OR REPLACE FUNCTION audit_logs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$', /must be owner of function|permission denied for schema public/)
  })

  test('a balance written outside the ledger is refused at commit', async ({ assert }) => {
    // a plain client, so the refusal of COMMIT itself is seen (the guard is a deferred constraint trigger)
    const client = new pg.Client({ connectionString: process.env.DATABASE_APP_URL })
    await client.connect()
    try {
      await client.query('BEGIN')
      const { rows } = await client.query("INSERT INTO ledger_accounts (owner_type, code, asset) VALUES ('system', 'tamper_probe', 'USD') RETURNING id")
      await client.query('UPDATE ledger_accounts SET balance = balance + 5000000 WHERE id = $1', [rows[0].id])
      await assert.rejects(() => client.query('COMMIT'), /balance 5000000 differs from its entries/)
      assert.lengthOf((await client.query("SELECT 1 FROM ledger_accounts WHERE code = 'tamper_probe'")).rows, 0)

      const account = await db.from('ledger_accounts').orderBy('id').first()
      if (account) {
        await client.query('BEGIN')
        await client.query('UPDATE ledger_accounts SET balance = balance + 1 WHERE id = $1', [account.id])
        await assert.rejects(() => client.query('COMMIT'), /differs from its entries/)
        const after = await db.from('ledger_accounts').where('id', account.id).first()
        assert.equal(after.balance, account.balance)
      }
    } finally {
      await client.end()
    }
  })
})

test.group('Database roles: the maintenance role', () => {
  test('may prune only outside the minimum retention', async ({ assert }) => {
    const maintenance = db.connection('maintenance')
    await assert.rejects(() => maintenance.rawQuery("SELECT prune_audit_logs(now() + interval '1 day')"), /kept at least/)
    await assert.rejects(() => maintenance.rawQuery("SELECT prune_audit_logs(now() - interval '29 days')"), /kept at least/)
    await assert.rejects(() => maintenance.rawQuery('DELETE FROM audit_logs'), /permission denied for table audit_logs/)
    await assert.rejects(() => maintenance.rawQuery('SELECT count(*) FROM customers'), /permission denied for table customers/)
  })
})

test.group('Database roles: the owner role', () => {
  test('meets the append-only triggers too (tampering needs the trigger switched off, which the verifier detects)', async ({ assert }) => {
    await owner().table('audit_logs').insert({ actor_type: 'system', action: 'owner-probe' })
    await assert.rejects(() => owner().transaction((trx) => trx.rawQuery("UPDATE audit_logs SET reason = 'rewritten' WHERE action = 'owner-probe'")), /append-only/)
    await assert.rejects(() => owner().transaction((trx) => trx.rawQuery('TRUNCATE audit_logs')), /append-only/)
    await assert.rejects(() => owner().transaction((trx) => trx.rawQuery("DELETE FROM audit_logs WHERE action = 'owner-probe'")), /append-only/)
  })
})
