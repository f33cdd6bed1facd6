import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What the database itself enforces once the app no longer owns the tables
 * (roles and grants: backend/services/database_roles.ts).
 *
 * - database_settings: values only the owner writes; `audit_minimum_retention_days` is set from
 *   AUDIT_RETENTION_DAYS after every migration run, never below 30.
 * - The audit trigger loses its escape hatch (a session flag anyone could set): a row may be
 *   deleted only once it is past the minimum retention, which only prune_audit_logs() does.
 * - prune_audit_logs() runs as the owner (SECURITY DEFINER), refuses a cutoff inside the minimum
 *   retention and is executable by the maintenance role only.
 * - ledger_accounts.balance stays writable by the app (postings move it) but a deferred
 *   constraint trigger refuses to commit a balance that differs from the balance_after of the
 *   account's latest entry.
 * - Functions that read tables pin their search_path so a temporary table cannot stand in.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE database_settings (
        name varchar(64) PRIMARY KEY,
        value text NOT NULL
      )`)
    this.schema.raw(`INSERT INTO database_settings (name, value) VALUES ('audit_minimum_retention_days', '30')`)
    this.schema.raw(`
      CREATE FUNCTION audit_minimum_retention() RETURNS interval
      LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
        SELECT make_interval(days => GREATEST(30, COALESCE(
          (SELECT value::int FROM public.database_settings WHERE name = 'audit_minimum_retention_days'), 30)))
      $$`)

    this.schema.raw(`
      CREATE OR REPLACE FUNCTION audit_logs_refuse_change() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
      BEGIN
        -- retention pruning removes rows past the minimum retention; nothing changes a row
        IF TG_OP = 'DELETE' AND OLD.occurred_at < now() - public.audit_minimum_retention() THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_logs rows are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$`)

    this.schema.raw('DROP FUNCTION IF EXISTS prune_audit_logs(timestamptz)')
    this.schema.raw(`
      CREATE FUNCTION prune_audit_logs(cutoff timestamptz) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        removed bigint;
        minimum interval := public.audit_minimum_retention();
      BEGIN
        IF cutoff IS NULL OR cutoff > now() - minimum THEN
          RAISE EXCEPTION 'audit rows are kept at least % days: cutoff % is refused', extract(day FROM minimum), cutoff
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        DELETE FROM public.audit_logs WHERE occurred_at < cutoff;
        GET DIAGNOSTICS removed = ROW_COUNT;
        INSERT INTO public.audit_logs (actor_type, actor_label, action, resource, metadata)
        VALUES ('system', session_user, 'audit.prune', 'audit-logs', jsonb_build_object('cutoff', cutoff, 'removed', removed));
        RETURN removed;
      END;
      $$`)
    this.schema.raw('REVOKE ALL ON FUNCTION prune_audit_logs(timestamptz) FROM PUBLIC')

    this.schema.raw('ALTER FUNCTION ledger_transaction_balanced() SET search_path = pg_catalog, public, pg_temp')
    this.schema.raw(`
      CREATE FUNCTION ledger_account_balance_matches_entries() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        committed_balance bigint;
        last_after bigint;
      BEGIN
        SELECT balance INTO committed_balance FROM public.ledger_accounts WHERE id = NEW.id;
        IF NOT FOUND THEN
          RETURN NULL;
        END IF;
        SELECT balance_after INTO last_after FROM public.ledger_entries WHERE account_id = NEW.id ORDER BY id DESC LIMIT 1;
        IF committed_balance IS DISTINCT FROM COALESCE(last_after, 0) THEN
          RAISE EXCEPTION 'ledger account % balance % differs from its entries (latest balance_after %)', NEW.id, committed_balance, COALESCE(last_after, 0)
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END;
      $$`)
    this.schema.raw(`
      CREATE CONSTRAINT TRIGGER ledger_accounts_balance_guard AFTER UPDATE OF balance ON ledger_accounts
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.balance IS DISTINCT FROM NEW.balance)
      EXECUTE FUNCTION ledger_account_balance_matches_entries()`)
    this.schema.raw(`
      CREATE CONSTRAINT TRIGGER ledger_accounts_opening_balance_guard AFTER INSERT ON ledger_accounts
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.balance <> 0)
      EXECUTE FUNCTION ledger_account_balance_matches_entries()`)
  }

  async down() {
    this.schema.raw('DROP TRIGGER IF EXISTS ledger_accounts_opening_balance_guard ON ledger_accounts')
    this.schema.raw('DROP TRIGGER IF EXISTS ledger_accounts_balance_guard ON ledger_accounts')
    this.schema.raw('DROP FUNCTION IF EXISTS ledger_account_balance_matches_entries()')
    this.schema.raw('DROP FUNCTION IF EXISTS prune_audit_logs(timestamptz)')
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION audit_logs_refuse_change() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'audit_logs rows are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$ LANGUAGE plpgsql`)
    this.schema.raw('DROP FUNCTION IF EXISTS audit_minimum_retention()')
    this.schema.raw('DROP TABLE IF EXISTS database_settings')
  }
}
