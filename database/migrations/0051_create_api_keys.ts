import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Customer API keys (issue 10 §2) and the change notifications that keep every instance's
 * verify cache fresh.
 *
 * A key is `cd_<prefix>_<secret>` (base58); only its SHA-256 (`secret_hash`, hex) and its
 * visible prefix are stored, so it can never be shown again. "Expired" is not stored: a key
 * whose `expires_at` has passed is expired whatever its status. Rolling a key makes a new row
 * with the same settings; the old one keeps working until its `expires_at` (the overlap).
 * Deleting is soft (`deleted_at`) so usage rows keep their key.
 *
 * Cache invalidation: triggers `pg_notify('creditdesk_cache', 'key:<id>' | 'customer:<id>')` when a
 * key, a customer or a customer's ledger balance changes. NOTIFY is delivered at commit, once
 * per distinct payload per transaction, to every instance LISTENing.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE api_keys (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        name varchar(100) NOT NULL CHECK (length(btrim(name)) >= 1),
        prefix varchar(32) NOT NULL UNIQUE,
        secret_hash char(64) NOT NULL UNIQUE,
        status varchar(10) NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled', 'locked')),
        expires_at timestamptz NULL,
        allowed_models text[] NULL,
        ip_allowlist text[] NULL,
        rpm_limit integer NULL CHECK (rpm_limit > 0),
        tpm_limit integer NULL CHECK (tpm_limit > 0),
        daily_spend_cap bigint NULL CHECK (daily_spend_cap > 0),
        monthly_spend_cap bigint NULL CHECK (monthly_spend_cap > 0),
        remark text NULL,
        tags text[] NOT NULL DEFAULT '{}',
        last_used_at timestamptz NULL,
        locked_at timestamptz NULL,
        locked_reason text NULL,
        rolled_from_id bigint NULL REFERENCES api_keys(id),
        rolled_at timestamptz NULL,
        deleted_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT api_keys_locked CHECK ((status = 'locked') = (locked_at IS NOT NULL))
      )`)
    this.schema.raw('CREATE INDEX api_keys_customer_idx ON api_keys (customer_id, id)')
    this.schema.raw('CREATE INDEX api_keys_created_idx ON api_keys (created_at, id)')

    // Spend per key per UTC day, maintained by usage ingestion in the batch's transaction
    // (daily and monthly spend caps read it).
    this.schema.raw(`
      CREATE TABLE api_key_spend (
        api_key_id bigint NOT NULL REFERENCES api_keys(id),
        day date NOT NULL,
        amount bigint NOT NULL DEFAULT 0,
        requests bigint NOT NULL DEFAULT 0,
        tokens bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (api_key_id, day)
      )`)

    this.schema.raw(`
      CREATE FUNCTION creditdesk_cache_notify() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        row_data record;
      BEGIN
        IF TG_OP = 'DELETE' THEN row_data := OLD; ELSE row_data := NEW; END IF;
        IF TG_TABLE_NAME = 'api_keys' THEN
          PERFORM pg_notify('creditdesk_cache', 'key:' || row_data.id);
        ELSIF TG_TABLE_NAME = 'customers' THEN
          PERFORM pg_notify('creditdesk_cache', 'customer:' || row_data.id);
        ELSIF TG_TABLE_NAME = 'ledger_accounts' THEN
          IF row_data.owner_type = 'customer' THEN
            PERFORM pg_notify('creditdesk_cache', 'customer:' || row_data.owner_id);
          END IF;
        END IF;
        RETURN NULL;
      END;
      $$`)
    this.schema.raw('CREATE TRIGGER api_keys_cache_notify AFTER INSERT OR UPDATE OR DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION creditdesk_cache_notify()')
    this.schema.raw('CREATE TRIGGER customers_cache_notify AFTER UPDATE OR DELETE ON customers FOR EACH ROW EXECUTE FUNCTION creditdesk_cache_notify()')
    this.schema.raw(`CREATE TRIGGER ledger_accounts_cache_notify AFTER INSERT OR UPDATE OF balance ON ledger_accounts
      FOR EACH ROW WHEN (NEW.owner_type = 'customer') EXECUTE FUNCTION creditdesk_cache_notify()`)
  }

  async down() {
    this.schema.raw('DROP TRIGGER IF EXISTS ledger_accounts_cache_notify ON ledger_accounts')
    this.schema.raw('DROP TRIGGER IF EXISTS customers_cache_notify ON customers')
    this.schema.raw('DROP TABLE IF EXISTS api_key_spend, api_keys CASCADE')
    this.schema.raw('DROP FUNCTION IF EXISTS creditdesk_cache_notify()')
  }
}
