/**
 * The owner role, for the few things tests must do that the application cannot: simulate a
 * write made outside the ledger, or tamper with the audit trail to prove it is detected.
 * Tests otherwise run as the app role, like the server.
 */
import db from '@adonisjs/lucid/services/db'

export const owner = () => db.connection('owner')

/**
 * Moves an account's balance without an entry, as only the owner could (the balance guard is
 * switched off inside this one transaction; DDL in PostgreSQL is transactional).
 */
export async function driftBalance(accountId: number | string, units: bigint) {
  await owner().transaction(async (trx) => {
    await trx.rawQuery('ALTER TABLE ledger_accounts DISABLE TRIGGER ledger_accounts_balance_guard')
    await trx.rawQuery('UPDATE ledger_accounts SET balance = balance + ? WHERE id = ?', [units.toString(), accountId])
    await trx.rawQuery('ALTER TABLE ledger_accounts ENABLE TRIGGER ledger_accounts_balance_guard')
  })
}

/** Rewrites or deletes an audit row as the owner would have to: append-only trigger off, in one transaction. */
export async function tamperWithAuditRow(id: number | string, change: { action: string } | 'delete') {
  await owner().transaction(async (trx) => {
    await trx.rawQuery('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only')
    if (change === 'delete') await trx.rawQuery('DELETE FROM audit_logs WHERE id = ?', [id])
    else await trx.rawQuery('UPDATE audit_logs SET action = ? WHERE id = ?', [change.action, id])
    await trx.rawQuery('ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_append_only')
  })
}
