import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The price catalog (issue 10 §1): models, their versioned sell prices, price multipliers,
 * upstream channels with their cost prices, and the channels' upstream keys.
 *
 * Prices and costs are exact decimals of the ledger asset per billing unit
 * (`numeric(30,12)`: "0.15" per 1M tokens, "0.000003" per token never appears — the unit says
 * what one price covers). A usage record is priced by the version whose `effective_at` is the
 * latest at or before the record's own time; versions are never changed or deleted (trigger).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE usage_models (
        id bigserial PRIMARY KEY,
        code varchar(100) NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]*$'),
        name varchar(150) NOT NULL CHECK (length(btrim(name)) >= 1),
        vendor varchar(80) NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('text', 'image', 'video', 'audio')),
        billing_unit varchar(16) NOT NULL CHECK (billing_unit IN ('per_1m_tokens', 'per_request', 'per_second', 'per_image')),
        status varchar(10) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        description text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)

    // Immutable sell-price versions. Token models use the four token prices (per 1M tokens);
    // the other units use unit_price (per request / second / image).
    this.schema.raw(`
      CREATE TABLE price_versions (
        id bigserial PRIMARY KEY,
        model_id bigint NOT NULL REFERENCES usage_models(id),
        version integer NOT NULL CHECK (version >= 1),
        input_price numeric(30,12) NULL CHECK (input_price >= 0),
        output_price numeric(30,12) NULL CHECK (output_price >= 0),
        cache_read_price numeric(30,12) NULL CHECK (cache_read_price >= 0),
        cache_write_price numeric(30,12) NULL CHECK (cache_write_price >= 0),
        unit_price numeric(30,12) NULL CHECK (unit_price >= 0),
        effective_at timestamptz NOT NULL,
        reason text NULL,
        before jsonb NULL,
        after jsonb NOT NULL,
        created_by bigint NULL REFERENCES staff(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (model_id, version)
      )`)
    this.schema.raw('CREATE INDEX price_versions_in_force_idx ON price_versions (model_id, effective_at DESC, id DESC)')
    this.schema.raw(`
      CREATE FUNCTION price_versions_refuse_change() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
      BEGIN
        RAISE EXCEPTION 'price versions are immutable: add a new version instead' USING ERRCODE = 'insufficient_privilege';
      END;
      $$`)
    this.schema.raw('CREATE TRIGGER price_versions_immutable BEFORE UPDATE OR DELETE ON price_versions FOR EACH ROW EXECUTE FUNCTION price_versions_refuse_change()')

    // Discount (or surcharge) by customer tier; a customer's own override is customers.price_multiplier.
    this.schema.raw(`
      CREATE TABLE tier_price_multipliers (
        tier varchar(16) PRIMARY KEY,
        multiplier numeric(8,4) NOT NULL CHECK (multiplier > 0 AND multiplier <= 100),
        updated_by bigint NULL REFERENCES staff(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw('ALTER TABLE customers ADD COLUMN price_multiplier numeric(8,4) NULL CHECK (price_multiplier > 0 AND price_multiplier <= 100)')

    this.schema.raw(`
      CREATE TABLE channels (
        id bigserial PRIMARY KEY,
        name varchar(100) NOT NULL UNIQUE CHECK (length(btrim(name)) >= 1),
        type varchar(20) NOT NULL CHECK (type IN ('openai', 'anthropic', 'google', 'azure', 'aws', 'custom')),
        base_url varchar(500) NOT NULL,
        priority integer NOT NULL DEFAULT 0,
        weight integer NOT NULL DEFAULT 1 CHECK (weight >= 0),
        status varchar(14) NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled', 'auto_disabled')),
        balance bigint NULL,
        balance_updated_at timestamptz NULL,
        last_health_check_at timestamptz NULL,
        last_health_status varchar(10) NULL CHECK (last_health_status IN ('ok', 'degraded', 'down')),
        remark text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)

    // What a channel serves and what it costs us (same units as the model's sell price).
    this.schema.raw(`
      CREATE TABLE channel_models (
        id bigserial PRIMARY KEY,
        channel_id bigint NOT NULL REFERENCES channels(id),
        model_id bigint NOT NULL REFERENCES usage_models(id),
        input_cost numeric(30,12) NULL CHECK (input_cost >= 0),
        output_cost numeric(30,12) NULL CHECK (output_cost >= 0),
        cache_read_cost numeric(30,12) NULL CHECK (cache_read_cost >= 0),
        cache_write_cost numeric(30,12) NULL CHECK (cache_write_cost >= 0),
        unit_cost numeric(30,12) NULL CHECK (unit_cost >= 0),
        status varchar(10) NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (channel_id, model_id)
      )`)

    // Upstream provider keys: encrypted with the app's encryption (APP_KEY), shown by prefix only.
    this.schema.raw(`
      CREATE TABLE upstream_keys (
        id bigserial PRIMARY KEY,
        channel_id bigint NOT NULL REFERENCES channels(id),
        name varchar(100) NOT NULL,
        secret_encrypted text NOT NULL,
        prefix varchar(24) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'retired')),
        request_count bigint NOT NULL DEFAULT 0,
        error_count bigint NOT NULL DEFAULT 0,
        last_error text NULL,
        last_error_at timestamptz NULL,
        last_used_at timestamptz NULL,
        rotation_due_at timestamptz NOT NULL,
        rotation_flagged_at timestamptz NULL,
        replaced_by_id bigint NULL REFERENCES upstream_keys(id),
        retire_at timestamptz NULL,
        created_by bigint NULL REFERENCES staff(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw('CREATE INDEX upstream_keys_channel_idx ON upstream_keys (channel_id, id)')
    this.schema.raw('CREATE INDEX upstream_keys_rotation_idx ON upstream_keys (rotation_due_at) WHERE status = \'active\'')
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS upstream_keys, channel_models, channels, tier_price_multipliers, price_versions, usage_models CASCADE')
    this.schema.raw('DROP FUNCTION IF EXISTS price_versions_refuse_change()')
    this.schema.raw('ALTER TABLE customers DROP COLUMN IF EXISTS price_multiplier')
  }
}
