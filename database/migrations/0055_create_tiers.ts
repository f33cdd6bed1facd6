import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Customer tiers (issue 11 §1, PRD §4).
 *
 * - tiers: the table operations edit. An individual's tier follows its cumulative paid recharge
 *   (`recharge_from` ≤ total < `recharge_to`, the next tier's start; the top tier's `to` is open),
 *   and gives the RPM / TPM (NULL = unlimited) verify enforces, how many live API keys the
 *   customer may hold, and the price multiplier (the former tier_price_multipliers table, folded
 *   in: one source of truth). Tiers never drop automatically unless the tier a customer is on says
 *   `may_downgrade`. The codes stay those customers.tier already holds.
 * - tier_versions: one immutable row per change of a tier row (before/after, who, why, when).
 * - customers: `recharged_total` (cumulative paid recharge, ledger units), `computed_tier` (what the
 *   recharge rule gives, kept while an override or negotiated terms apply), a staff override
 *   (`tier_override`, `tier_override_until`, `tier_override_reason`), an organisation's negotiated
 *   terms (`negotiated_tier`, `unlimited_tpm`, `custom_tpm`, which may exceed the table's max) and
 *   `tier_source` (computed | override | negotiated: which of them `tier` is). `rpm_limit` /
 *   `tpm_limit` (0053) are the effective limits; services/tiers/apply_tier.ts keeps all of them.
 * - tier_history: one row per change of a customer's tier, source or effective limits.
 *
 * A customer inserted without limits (registration, imports) gets its tier's limits from a trigger,
 * so no customer is ever left unlimited by omission.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE tiers (
        code varchar(16) PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,15}$'),
        name varchar(60) NOT NULL CHECK (length(btrim(name)) > 0),
        name_zh varchar(60) NOT NULL CHECK (length(btrim(name_zh)) > 0),
        color varchar(16) NOT NULL DEFAULT 'default',
        recharge_from bigint NOT NULL CHECK (recharge_from >= 0),
        recharge_to bigint NULL CHECK (recharge_to > recharge_from),
        rpm integer NOT NULL CHECK (rpm > 0),
        tpm bigint NULL CHECK (tpm > 0),
        max_keys integer NOT NULL CHECK (max_keys BETWEEN 1 AND 1000),
        price_multiplier numeric(8,4) NOT NULL DEFAULT 1 CHECK (price_multiplier > 0 AND price_multiplier <= 100),
        sort integer NOT NULL DEFAULT 0,
        may_downgrade boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        updated_by bigint NULL REFERENCES staff(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tiers_recharge_from_unique UNIQUE (recharge_from) DEFERRABLE INITIALLY IMMEDIATE
      )`)
    // thresholds in ledger units (10^-6): 0 / 100 / 1,000 / 10,000
    this.schema.raw(`
      INSERT INTO tiers (code, name, name_zh, color, recharge_from, recharge_to, rpm, tpm, max_keys, sort) VALUES
        ('free', 'Free', '免费', 'default', 0, 100000000, 60, 100000, 3, 10),
        ('basic', 'Basic', '基础', 'blue', 100000000, 1000000000, 300, 1000000, 10, 20),
        ('pro', 'Pro', '专业', 'purple', 1000000000, 10000000000, 1000, 5000000, 20, 30),
        ('enterprise', 'Enterprise', '企业', 'gold', 10000000000, NULL, 5000, 20000000, 50, 40)`)
    // issue 10's multipliers move onto their tier
    this.schema.raw(`
      UPDATE tiers SET price_multiplier = m.multiplier, updated_by = m.updated_by
        FROM tier_price_multipliers m WHERE m.tier = tiers.code`)
    this.schema.raw('DROP TABLE tier_price_multipliers')

    this.schema.raw(`
      CREATE TABLE tier_versions (
        id bigserial PRIMARY KEY,
        tier_code varchar(16) NOT NULL REFERENCES tiers(code),
        version integer NOT NULL CHECK (version >= 1),
        state jsonb NOT NULL,
        changes jsonb NULL,
        reason text NULL,
        actor_type varchar(16) NOT NULL,
        actor_id bigint NULL,
        actor_label varchar(255) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tier_versions_unique UNIQUE (tier_code, version)
      )`)
    this.schema.raw('CREATE INDEX tier_versions_created_idx ON tier_versions (created_at, id)')
    this.schema.raw(`
      INSERT INTO tier_versions (tier_code, version, state, reason, actor_type, actor_label)
      SELECT code, 1, jsonb_build_object('name', name, 'name_zh', name_zh, 'recharge_from', recharge_from::text, 'recharge_to', recharge_to::text,
               'rpm', rpm, 'tpm', tpm::text, 'max_keys', max_keys, 'price_multiplier', price_multiplier::text, 'sort', sort, 'may_downgrade', may_downgrade),
             'Initial tier table', 'system', 'migration'
        FROM tiers`)

    this.schema.raw(`
      CREATE TABLE tier_history (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        from_tier varchar(16) NULL REFERENCES tiers(code),
        to_tier varchar(16) NOT NULL REFERENCES tiers(code),
        from_source varchar(16) NULL,
        source varchar(16) NOT NULL CHECK (source IN ('computed', 'override', 'negotiated')),
        cause varchar(32) NOT NULL,
        reason text NULL,
        rpm_limit integer NULL,
        tpm_limit bigint NULL,
        recharged_total bigint NOT NULL DEFAULT 0,
        actor_type varchar(16) NOT NULL,
        actor_id bigint NULL,
        actor_label varchar(255) NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw('CREATE INDEX tier_history_customer_idx ON tier_history (customer_id, created_at DESC, id DESC)')
    this.schema.raw('CREATE INDEX tier_history_created_idx ON tier_history (created_at, id)')

    this.schema.raw(`
      CREATE FUNCTION tier_versions_refuse_change() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'tier versions are immutable (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$ LANGUAGE plpgsql`)
    this.schema.raw('CREATE TRIGGER tier_versions_immutable BEFORE UPDATE OR DELETE ON tier_versions FOR EACH ROW EXECUTE FUNCTION tier_versions_refuse_change()')
    // history rows never change; they go only with their customer (customers are never deleted by the app)
    this.schema.raw(`
      CREATE FUNCTION tier_history_refuse_change() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'tier history is immutable (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$ LANGUAGE plpgsql`)
    this.schema.raw('CREATE TRIGGER tier_history_immutable BEFORE UPDATE OR DELETE ON tier_history FOR EACH ROW EXECUTE FUNCTION tier_history_refuse_change()')

    this.schema.raw(`
      ALTER TABLE customers
        ADD COLUMN recharged_total bigint NOT NULL DEFAULT 0 CHECK (recharged_total >= 0),
        ADD COLUMN computed_tier varchar(16) NULL REFERENCES tiers(code),
        ADD COLUMN tier_source varchar(16) NOT NULL DEFAULT 'computed' CHECK (tier_source IN ('computed', 'override', 'negotiated')),
        ADD COLUMN tier_override varchar(16) NULL REFERENCES tiers(code),
        ADD COLUMN tier_override_until timestamptz NULL,
        ADD COLUMN tier_override_reason text NULL,
        ADD COLUMN negotiated_tier varchar(16) NULL REFERENCES tiers(code),
        ADD COLUMN unlimited_tpm boolean NOT NULL DEFAULT false,
        ADD COLUMN custom_tpm bigint NULL CHECK (custom_tpm > 0),
        ADD CONSTRAINT customers_tier_fk FOREIGN KEY (tier) REFERENCES tiers(code),
        ADD CONSTRAINT customers_tpm_terms CHECK (NOT (unlimited_tpm AND custom_tpm IS NOT NULL))`)
    this.schema.raw('CREATE INDEX customers_tier_override_until_idx ON customers (tier_override_until) WHERE tier_override IS NOT NULL')

    // cumulative paid recharge so far
    this.schema.raw(`
      UPDATE customers c SET recharged_total = r.total
        FROM (SELECT customer_id, sum(amount) AS total FROM ledger_transactions
               WHERE type = 'recharge' AND customer_id IS NOT NULL GROUP BY customer_id) r
       WHERE r.customer_id = c.id AND r.total > 0`)
    // Existing tiers were set by hand: an organisation's becomes its negotiated tier; an individual
    // keeps the higher of its tier and what its recharges give (tiers never drop by themselves).
    this.schema.raw(`
      WITH placed AS (
        SELECT c.id, c.tier, c.type, cur.sort AS held_sort,
               (SELECT l.code FROM tiers l WHERE l.recharge_from <= c.recharged_total ORDER BY l.recharge_from DESC LIMIT 1) AS ladder_code,
               (SELECT l.sort FROM tiers l WHERE l.recharge_from <= c.recharged_total ORDER BY l.recharge_from DESC LIMIT 1) AS ladder_sort
          FROM customers c JOIN tiers cur ON cur.code = c.tier
      )
      UPDATE customers c SET
        computed_tier = CASE WHEN p.held_sort >= p.ladder_sort THEN p.tier ELSE p.ladder_code END,
        negotiated_tier = CASE WHEN p.type = 'organization' THEN p.tier END,
        tier_source = CASE WHEN p.type = 'organization' THEN 'negotiated' ELSE 'computed' END
      FROM placed p WHERE p.id = c.id`)
    this.schema.raw(`UPDATE customers SET tier = computed_tier WHERE tier_source = 'computed' AND tier IS DISTINCT FROM computed_tier`)
    this.schema.raw(`
      UPDATE customers c SET rpm_limit = t.rpm, tpm_limit = t.tpm
        FROM tiers t WHERE t.code = c.tier AND c.rpm_limit IS NULL AND c.tpm_limit IS NULL`)
    this.schema.raw('ALTER TABLE customers ALTER COLUMN computed_tier SET NOT NULL')

    // A customer inserted without limits gets its tier's (and a computed tier equal to the one given).
    this.schema.raw(`
      CREATE FUNCTION customers_tier_defaults() RETURNS trigger AS $$
      DECLARE t tiers%ROWTYPE;
      BEGIN
        NEW.computed_tier := coalesce(NEW.computed_tier, NEW.tier);
        IF NEW.rpm_limit IS NULL AND NEW.tpm_limit IS NULL THEN
          SELECT * INTO t FROM tiers WHERE code = NEW.tier;
          IF FOUND THEN
            NEW.rpm_limit := t.rpm;
            NEW.tpm_limit := CASE WHEN NEW.tier_source = 'negotiated' AND NEW.unlimited_tpm THEN NULL
                                  WHEN NEW.tier_source = 'negotiated' AND NEW.custom_tpm IS NOT NULL THEN NEW.custom_tpm
                                  ELSE t.tpm END;
          END IF;
        END IF;
        RETURN NEW;
      END
      $$ LANGUAGE plpgsql`)
    this.schema.raw('CREATE TRIGGER customers_tier_defaults BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION customers_tier_defaults()')
  }

  async down() {
    this.schema.raw('DROP TRIGGER IF EXISTS customers_tier_defaults ON customers')
    this.schema.raw('DROP FUNCTION IF EXISTS customers_tier_defaults()')
    this.schema.raw(`
      CREATE TABLE IF NOT EXISTS tier_price_multipliers (
        tier varchar(16) PRIMARY KEY,
        multiplier numeric(8,4) NOT NULL CHECK (multiplier > 0 AND multiplier <= 100),
        updated_by bigint NULL REFERENCES staff(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw(`INSERT INTO tier_price_multipliers (tier, multiplier, updated_by) SELECT code, price_multiplier, updated_by FROM tiers WHERE price_multiplier <> 1 ON CONFLICT DO NOTHING`)
    this.schema.raw(`
      ALTER TABLE customers
        DROP CONSTRAINT IF EXISTS customers_tier_fk,
        DROP CONSTRAINT IF EXISTS customers_tpm_terms,
        DROP COLUMN IF EXISTS recharged_total, DROP COLUMN IF EXISTS computed_tier, DROP COLUMN IF EXISTS tier_source,
        DROP COLUMN IF EXISTS tier_override, DROP COLUMN IF EXISTS tier_override_until, DROP COLUMN IF EXISTS tier_override_reason,
        DROP COLUMN IF EXISTS negotiated_tier, DROP COLUMN IF EXISTS unlimited_tpm, DROP COLUMN IF EXISTS custom_tpm`)
    this.schema.raw('DROP TABLE IF EXISTS tier_history, tier_versions, tiers')
    this.schema.raw('DROP FUNCTION IF EXISTS tier_versions_refuse_change(), tier_history_refuse_change()')
  }
}
