import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The plan catalog (credit packages) with its history.
 *
 * - plans: the current state of each package. `prices` maps a currency to an integer price in
 *   minor units ({"USD": 990} is $9.90); `grant_amount` is what a payment credits, in ledger
 *   units (10^-6 of the ledger asset). `version` counts the changes.
 * - plan_versions: one immutable row per state a plan has had (version 1 = as created), with
 *   who, when and the fields that changed (old → new). Orders point at the version they
 *   bought, so a later price change never rewrites what a customer paid for. A trigger refuses
 *   UPDATE and DELETE. The two tables reference each other; the foreign keys are deferred so
 *   a plan and its first version are written in one transaction, in either order.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE plans (
        id bigserial PRIMARY KEY,
        code varchar(40) NOT NULL,
        name varchar(120) NOT NULL,
        description text NULL,
        prices jsonb NOT NULL CHECK (jsonb_typeof(prices) = 'object' AND prices <> '{}'::jsonb),
        grant_amount bigint NOT NULL CHECK (grant_amount > 0),
        active boolean NOT NULL DEFAULT true,
        sort_order integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        current_version_id bigint NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw('CREATE UNIQUE INDEX plans_code_unique ON plans (lower(code))')
    this.schema.raw('CREATE INDEX plans_active_order_idx ON plans (active, sort_order, id)')
    this.schema.raw('CREATE INDEX plans_created_idx ON plans (created_at, id)')

    this.schema.raw(`
      CREATE TABLE plan_versions (
        id bigserial PRIMARY KEY,
        plan_id bigint NOT NULL REFERENCES plans(id) DEFERRABLE INITIALLY DEFERRED,
        version integer NOT NULL CHECK (version >= 1),
        code varchar(40) NOT NULL,
        name varchar(120) NOT NULL,
        description text NULL,
        prices jsonb NOT NULL,
        grant_amount bigint NOT NULL CHECK (grant_amount > 0),
        active boolean NOT NULL,
        sort_order integer NOT NULL,
        changes jsonb NULL,
        reason text NULL,
        actor_type varchar(16) NOT NULL,
        actor_id bigint NULL,
        actor_label varchar(255) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_versions_unique UNIQUE (plan_id, version)
      )`)
    this.schema.raw('CREATE INDEX plan_versions_created_idx ON plan_versions (created_at, id)')
    this.schema.raw(`
      ALTER TABLE plans ADD CONSTRAINT plans_current_version_fk
      FOREIGN KEY (current_version_id) REFERENCES plan_versions(id) DEFERRABLE INITIALLY DEFERRED`)

    this.schema.raw(`
      CREATE FUNCTION plan_versions_refuse_change() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'plan versions are immutable (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$ LANGUAGE plpgsql`)
    this.schema.raw(
      'CREATE TRIGGER plan_versions_immutable BEFORE UPDATE OR DELETE ON plan_versions FOR EACH ROW EXECUTE FUNCTION plan_versions_refuse_change()'
    )
  }

  async down() {
    this.schema.raw('ALTER TABLE IF EXISTS plans DROP CONSTRAINT IF EXISTS plans_current_version_fk')
    this.schema.raw('DROP TABLE IF EXISTS plan_versions')
    this.schema.raw('DROP TABLE IF EXISTS plans')
    this.schema.raw('DROP FUNCTION IF EXISTS plan_versions_refuse_change()')
  }
}
