import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * System accounts (usage revenue, promotion expense …) sit on the other side of almost every
 * posting; one row each would make every debit in the platform wait for the same row lock.
 * They are split into shards: a posting picks one at random, the account's balance is the
 * sum of its shards, and every shard keeps the ledger invariants on its own.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('ALTER TABLE ledger_accounts ADD COLUMN shard smallint NOT NULL DEFAULT 0')
    this.schema.raw('DROP INDEX ledger_accounts_identity')
    this.schema.raw('CREATE UNIQUE INDEX ledger_accounts_identity ON ledger_accounts (owner_type, COALESCE(owner_id, 0), code, asset, shard)')
  }

  /** Rolling back cannot merge shards that hold entries: the old unique index comes back only where it still holds. */
  async down() {
    this.schema.raw('DROP INDEX ledger_accounts_identity')
    this.schema.raw('ALTER TABLE ledger_accounts DROP COLUMN shard')
    this.schema.raw(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM ledger_accounts GROUP BY owner_type, COALESCE(owner_id, 0), code, asset HAVING count(*) > 1) THEN
          CREATE INDEX ledger_accounts_identity ON ledger_accounts (owner_type, COALESCE(owner_id, 0), code, asset);
        ELSE
          CREATE UNIQUE INDEX ledger_accounts_identity ON ledger_accounts (owner_type, COALESCE(owner_id, 0), code, asset);
        END IF;
      END $$`)
  }
}
