/**
 * Tamper evidence: audit rows and ledger transactions sealed into keyed hash chains, and a
 * verifier that names the first broken link. Tampering is done as the owner role (the app role
 * cannot change these rows at all: db_roles.spec.ts), mostly inside an owner transaction that is
 * verified and then rolled back, so the shared chain stays intact for the rest of the run.
 */
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { owner, tamperWithAuditRow } from '#tests/support/owner'
import { committedCustomers } from '#tests/support/fixtures'
import { fundCash } from '#tests/support/ledger'
import { sealPending } from '#services/seal/sealer'
import { CHAINS } from '#services/seal/chains'
import { verifyChain, verifyIntegrity } from '#services/seal/verify'
import { pruneAuditLogs } from '#services/seal/prune_audit_logs'

async function auditRow(action: string, values: Record<string, unknown> = {}) {
  const [row] = await db.table('audit_logs').insert({ actor_type: 'system', action, ...values }).returning('*')
  return row as { id: string } & Record<string, any>
}

async function verifyCli() {
  const ace = await app.container.make('ace')
  const command = await ace.exec('audit:verify', ['--json'])
  return command.exitCode
}

/** Tampers as the owner inside a transaction, verifies what it sees, then rolls everything back. */
async function tamperedView(work: (trx: TransactionClientContract) => Promise<void>, chain = CHAINS.audit) {
  const trx = await owner().transaction()
  try {
    await work(trx)
    return await verifyChain(trx, chain, { delaySeconds: 3600 })
  } finally {
    await trx.rollback()
  }
}

test.group('Audit chain', () => {
  test('audit:verify passes on a clean chain', async ({ assert }) => {
    await auditRow('chain-clean')
    await sealPending()
    const report = await verifyIntegrity(undefined, { delaySeconds: 0 })
    assert.isTrue(report.ok, JSON.stringify(report))
    assert.isAbove(report.chains[0].sealed, 0)
    assert.equal(await verifyCli(), 0)
  })

  test('a row that commits after a higher id was sealed is sealed later in the chain', async ({ assert }) => {
    const late = await db.transaction()
    const [early] = await late.table('audit_logs').insert({ actor_type: 'system', action: 'chain-late' }).returning('*')
    const later = await auditRow('chain-on-time')
    assert.isAbove(Number(later.id), Number(early.id))
    await sealPending()
    const sealedLater = await db.from('audit_seals').where('row_id', later.id).first()
    assert.exists(sealedLater)
    await late.commit()
    await sealPending()
    const sealedEarly = await db.from('audit_seals').where('row_id', early.id).first()
    assert.exists(sealedEarly, 'the late row was sealed')
    assert.isAbove(Number(sealedEarly.seq), Number(sealedLater.seq))
    assert.isTrue((await verifyIntegrity(undefined, { delaySeconds: 0 })).ok)
  })

  test('audit:verify fails, naming the row, after the owner role alters a sealed row', async ({ assert }) => {
    const row = await auditRow('chain-original')
    await sealPending()
    await tamperWithAuditRow(row.id, { action: 'chain-rewritten' })
    try {
      const report = await verifyIntegrity()
      assert.isFalse(report.ok)
      assert.equal(report.chains[0].problem!.kind, 'row_altered')
      assert.equal(report.chains[0].problem!.rowId, String(row.id))
      assert.include(report.chains[0].problem!.detail, `row ${row.id} was changed`)
      assert.equal(await verifyCli(), 1)
    } finally {
      await tamperWithAuditRow(row.id, { action: 'chain-original' })
    }
    assert.isTrue((await verifyIntegrity()).ok, 'restoring the row restores the chain')
  })

  test('a deleted row, a removed seal, a forged seal and a forged checkpoint are each found', async ({ assert }) => {
    const row = await auditRow('chain-victim')
    await auditRow('chain-after-victim') // so the victim's seal is not the chain's last
    await sealPending()
    const seal = await db.from('audit_seals').where('row_id', row.id).first()

    const deleted = await tamperedView(async (trx) => {
      await trx.rawQuery('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only')
      await trx.rawQuery('DELETE FROM audit_logs WHERE id = ?', [row.id])
    })
    assert.equal(deleted.problem?.kind, 'row_deleted')
    assert.equal(deleted.problem?.rowId, String(row.id))

    const sealGone = await tamperedView(async (trx) => {
      await trx.rawQuery('ALTER TABLE audit_seals DISABLE TRIGGER audit_seals_append_only')
      await trx.rawQuery('DELETE FROM audit_seals WHERE seq = ?', [seal.seq])
    })
    assert.equal(sealGone.problem?.kind, 'seal_missing')
    assert.equal(sealGone.problem?.seq, String(seal.seq))

    const forged = await tamperedView(async (trx) => {
      await trx.rawQuery('ALTER TABLE audit_seals DISABLE TRIGGER audit_seals_append_only')
      await trx.rawQuery("UPDATE audit_seals SET digest = repeat('a', 64) WHERE seq = ?", [seal.seq])
    })
    assert.equal(forged.problem?.kind, 'seal_forged')

    const checkpoint = await tamperedView(async (trx) => {
      await trx.rawQuery(
        `INSERT INTO seal_checkpoints (chain, seq, mac, head, cutoff, removed, signature) VALUES ('audit', ?, ?, ?, now(), 0, repeat('b', 64))`,
        [seal.seq, seal.mac, seal.seq]
      )
    })
    assert.equal(checkpoint.problem?.kind, 'checkpoint_forged')
  })

  test('a ledger transaction changed by the owner role is found, entries included', async ({ assert }) => {
    const customers = committedCustomers()
    try {
      const customer = await customers.create()
      const posted = await fundCash(customer.id, '5')
      await sealPending()
      const report = await tamperedView(async (trx) => {
        await trx.rawQuery('ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only')
        await trx.rawQuery('UPDATE ledger_entries SET balance_after = balance_after + 1 WHERE transaction_id = ?', [posted.transaction.id])
      }, CHAINS.ledger)
      assert.equal(report.problem?.kind, 'row_altered')
      assert.equal(report.problem?.rowId, String(posted.transaction.id))
    } finally {
      await customers.removeCommitted()
    }
  })

  test('verification passes after a prune, through its signed checkpoint', async ({ assert }) => {
    const ancient = await auditRow('chain-ancient', { occurred_at: new Date(Date.now() - 500 * 86400_000) })
    await sealPending()
    const result = await pruneAuditLogs(400)
    assert.isAtLeast(result.removed, 1)
    assert.notExists(await db.from('audit_logs').where('id', ancient.id).first())
    const checkpoint = await db.from('seal_checkpoints').where('chain', 'audit').orderBy('id', 'desc').first()
    assert.exists(checkpoint)
    await sealPending()
    const report = await verifyIntegrity(undefined, { delaySeconds: 0 })
    assert.isTrue(report.ok, JSON.stringify(report))
  })

  test('unsealed rows older than the sealing delay are reported', async ({ assert }) => {
    await sealPending()
    const row = await auditRow('chain-unsealed', { occurred_at: new Date(Date.now() - 3600_000) })
    const report = await verifyChain(db.connection(), CHAINS.audit)
    assert.equal(report.problem?.kind, 'unsealed')
    assert.equal(report.problem?.rowId, String(row.id))
    await sealPending()
    assert.isTrue((await verifyChain(db.connection(), CHAINS.audit)).ok)
  })
})
