import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The double-entry credit ledger.
 *
 * - ledger_accounts: one row per (owner, bucket, asset); customers have `cash` and `gift`,
 *   the platform has system accounts on the other side. `balance` is the running sum of the
 *   account's entries, changed in the same transaction as each entry. A CHECK keeps it at or
 *   above -credit_limit unless the account is a system account.
 * - ledger_transactions: ≥ 2 entries summing to zero, one asset, unique idempotency key with a
 *   hash of the request (same key + other payload → conflict), reversed at most once.
 * - ledger_entries: append-only (a trigger refuses UPDATE/DELETE/TRUNCATE); each records the
 *   balance after it. A deferred constraint trigger refuses a transaction whose entries do not
 *   sum to zero or mix assets, whatever code wrote them.
 * - gift_lots: the gift bucket as dated lots, so debits take the soonest-expiring gift first and
 *   expiry removes exactly what is left of each lot.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE ledger_accounts (
        id bigserial PRIMARY KEY,
        owner_type varchar(16) NOT NULL CHECK (owner_type IN ('customer', 'system')),
        owner_id bigint NULL,
        code varchar(32) NOT NULL,
        asset varchar(12) NOT NULL,
        balance bigint NOT NULL DEFAULT 0,
        credit_limit bigint NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_accounts_owner CHECK ((owner_type = 'system') = (owner_id IS NULL)),
        CONSTRAINT ledger_accounts_no_overdraft CHECK (owner_type = 'system' OR balance >= -credit_limit)
      )`)
    this.schema.raw(`CREATE UNIQUE INDEX ledger_accounts_identity ON ledger_accounts (owner_type, COALESCE(owner_id, 0), code, asset)`)
    this.schema.raw(`CREATE INDEX ledger_accounts_owner_idx ON ledger_accounts (owner_id) WHERE owner_id IS NOT NULL`)
    this.schema.raw(`CREATE INDEX ledger_accounts_balance_idx ON ledger_accounts (balance, id)`)

    this.schema.raw(`
      CREATE TABLE ledger_transactions (
        id bigserial PRIMARY KEY,
        type varchar(32) NOT NULL,
        asset varchar(12) NOT NULL,
        idempotency_key varchar(200) NOT NULL UNIQUE,
        request_hash char(64) NOT NULL,
        reference_type varchar(32) NULL,
        reference_id varchar(64) NULL,
        actor_type varchar(16) NOT NULL,
        actor_id bigint NULL,
        memo text NULL,
        reverses_transaction_id bigint NULL UNIQUE REFERENCES ledger_transactions(id),
        customer_id bigint NULL,
        amount bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw(`CREATE INDEX ledger_transactions_created_idx ON ledger_transactions (created_at, id)`)
    this.schema.raw(`CREATE INDEX ledger_transactions_customer_idx ON ledger_transactions (customer_id, id)`)
    this.schema.raw(`CREATE INDEX ledger_transactions_type_idx ON ledger_transactions (type, id)`)
    this.schema.raw(`CREATE INDEX ledger_transactions_reference_idx ON ledger_transactions (reference_type, reference_id)`)

    this.schema.raw(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        transaction_id bigint NOT NULL REFERENCES ledger_transactions(id),
        account_id bigint NOT NULL REFERENCES ledger_accounts(id),
        asset varchar(12) NOT NULL,
        amount bigint NOT NULL CHECK (amount <> 0),
        balance_after bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw(`CREATE INDEX ledger_entries_transaction_idx ON ledger_entries (transaction_id)`)
    this.schema.raw(`CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id, id)`)

    this.schema.raw(`
      CREATE FUNCTION ledger_entries_refuse_change() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'ledger entries are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$ LANGUAGE plpgsql`)
    this.schema.raw(`CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change()`)
    this.schema.raw(`CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_refuse_change()`)
    this.schema.raw(`CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change()`)

    this.schema.raw(`
      CREATE FUNCTION ledger_transaction_balanced() RETURNS trigger AS $$
      DECLARE total numeric; assets int; entries int; tx_asset text;
      BEGIN
        SELECT coalesce(sum(amount), 0), count(DISTINCT asset), count(*) INTO total, assets, entries
          FROM ledger_entries WHERE transaction_id = NEW.transaction_id;
        SELECT asset INTO tx_asset FROM ledger_transactions WHERE id = NEW.transaction_id;
        IF total <> 0 OR assets <> 1 OR entries < 2 OR NEW.asset <> tx_asset THEN
          RAISE EXCEPTION 'ledger transaction % is unbalanced (sum %, assets %, entries %)', NEW.transaction_id, total, assets, entries
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END;
      $$ LANGUAGE plpgsql`)
    this.schema.raw(`
      CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced()`)

    this.schema.raw(`
      CREATE TABLE gift_lots (
        id bigserial PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES ledger_accounts(id),
        transaction_id bigint NOT NULL REFERENCES ledger_transactions(id),
        source_type varchar(32) NOT NULL,
        source_id varchar(64) NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        remaining bigint NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
        expires_at timestamptz NULL,
        expired_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw(`CREATE INDEX gift_lots_spend_idx ON gift_lots (account_id, expires_at, id) WHERE remaining > 0`)
    this.schema.raw(`CREATE INDEX gift_lots_expiry_idx ON gift_lots (expires_at) WHERE remaining > 0`)

    // which lots a debit took, so a reversal gives back exactly those
    this.schema.raw(`
      CREATE TABLE gift_lot_usages (
        id bigserial PRIMARY KEY,
        transaction_id bigint NOT NULL REFERENCES ledger_transactions(id),
        lot_id bigint NOT NULL REFERENCES gift_lots(id),
        amount bigint NOT NULL CHECK (amount <> 0)
      )`)
    this.schema.raw(`CREATE INDEX gift_lot_usages_transaction_idx ON gift_lot_usages (transaction_id)`)
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS gift_lot_usages')
    this.schema.raw('DROP TABLE IF EXISTS gift_lots')
    this.schema.raw('DROP TABLE IF EXISTS ledger_entries')
    this.schema.raw('DROP TABLE IF EXISTS ledger_transactions')
    this.schema.raw('DROP TABLE IF EXISTS ledger_accounts')
    this.schema.raw('DROP FUNCTION IF EXISTS ledger_transaction_balanced()')
    this.schema.raw('DROP FUNCTION IF EXISTS ledger_entries_refuse_change()')
  }
}
