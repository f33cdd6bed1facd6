import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Plan quotas (issue 11 §2, product-quota-system.md).
 *
 * - plans.quotas / plan_versions.quotas: the plan's feature quotas, a JSON array of
 *   `{ feature, limit, period }` (contract PlanQuota; `limit` null = unlimited). plans.quotas is
 *   the latest version's; plan_versions.quota_policy records what a quota edit did to the
 *   customers already on the plan (keep_period | reset).
 * - customers.time_zone: the IANA zone whose midnight starts a daily or monthly period (UTC by
 *   default); `is_time_zone()` refuses a name PostgreSQL's zone database does not know.
 * - customer_plans: a plan a customer holds, bought (one row per credited order) or granted by
 *   staff (with a reason); cancelled by staff. Active = status active, started, not ended.
 * - quota_counters: what a customer used of a feature in one period (`period_start` = the period's
 *   first instant in the customer's zone; lifetime quotas count from the epoch). A consume adds to
 *   the row under its lock, so a burst never passes the limit.
 * - quota_consumptions: one row per (customer, feature, request_id) holding the answer given, so a
 *   replayed request gets the same answer and is counted once.
 * - quota_alerts: a threshold (80/95/100 %) reached in a period, once (unique), with the
 *   notification it sent.
 *
 * Functions (plain SQL, no privileges of their own) keep the period and quota rules in one place
 * for the service, the console's view and the portal: `quota_period_start/end(period, zone, at)`
 * and `customer_quota_limits(at, customer)` — the quotas of the active plans at `at`, limits of a
 * feature and period added up over plans, unlimited when any plan says so. The view
 * `customer_quotas` is the console's overview (current period, used, limit, reset time).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`ALTER TABLE plans ADD COLUMN quotas jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(quotas) = 'array')`)
    this.schema.raw(`ALTER TABLE plan_versions ADD COLUMN quotas jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(quotas) = 'array')`)
    this.schema.raw(`ALTER TABLE plan_versions ADD COLUMN quota_policy varchar(16) NULL CHECK (quota_policy IN ('keep_period', 'reset'))`)

    this.schema.raw(`
      CREATE FUNCTION is_time_zone(zone text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        PERFORM '2000-01-01 00:00:00+00'::timestamptz AT TIME ZONE zone;
        RETURN true;
      EXCEPTION WHEN others THEN
        RETURN false;
      END $$`)
    this.schema.raw(`ALTER TABLE customers ADD COLUMN time_zone varchar(64) NOT NULL DEFAULT 'UTC' CHECK (is_time_zone(time_zone))`)

    this.schema.raw(`
      CREATE FUNCTION quota_period_start(period text, zone text, at timestamptz) RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT CASE period
          WHEN 'daily' THEN date_trunc('day', at AT TIME ZONE zone) AT TIME ZONE zone
          WHEN 'monthly' THEN date_trunc('month', at AT TIME ZONE zone) AT TIME ZONE zone
          ELSE '1970-01-01 00:00:00+00'::timestamptz
        END $$`)
    this.schema.raw(`
      CREATE FUNCTION quota_period_end(period text, zone text, at timestamptz) RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT CASE period
          WHEN 'daily' THEN (date_trunc('day', at AT TIME ZONE zone) + interval '1 day') AT TIME ZONE zone
          WHEN 'monthly' THEN (date_trunc('month', at AT TIME ZONE zone) + interval '1 month') AT TIME ZONE zone
          ELSE NULL
        END $$`)

    this.schema.raw(`
      CREATE TABLE customer_plans (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        plan_id bigint NOT NULL REFERENCES plans(id),
        plan_version_id bigint NOT NULL REFERENCES plan_versions(id),
        source varchar(16) NOT NULL CHECK (source IN ('order', 'staff')),
        order_id bigint NULL REFERENCES orders(id),
        staff_id bigint NULL REFERENCES staff(id),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired', 'cancelled')),
        starts_at timestamptz NOT NULL DEFAULT now(),
        ends_at timestamptz NULL,
        reason text NULL,
        cancelled_at timestamptz NULL,
        cancelled_by bigint NULL REFERENCES staff(id),
        cancel_reason text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at IS NULL OR ends_at > starts_at),
        CHECK ((source = 'order') = (order_id IS NOT NULL)),
        CHECK (source <> 'staff' OR reason IS NOT NULL)
      )`)
    this.schema.raw('CREATE UNIQUE INDEX customer_plans_order_unique ON customer_plans (order_id) WHERE order_id IS NOT NULL')
    this.schema.raw('CREATE INDEX customer_plans_customer_idx ON customer_plans (customer_id, status, id)')
    this.schema.raw('CREATE INDEX customer_plans_plan_idx ON customer_plans (plan_id, status, id)')
    this.schema.raw('CREATE INDEX customer_plans_created_idx ON customer_plans (created_at, id)')

    this.schema.raw(`
      CREATE TABLE quota_counters (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        feature varchar(60) NOT NULL,
        period varchar(16) NOT NULL CHECK (period IN ('daily', 'monthly', 'lifetime')),
        period_start timestamptz NOT NULL,
        used bigint NOT NULL DEFAULT 0 CHECK (used >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT quota_counters_unique UNIQUE (customer_id, feature, period, period_start)
      )`)

    this.schema.raw(`
      CREATE TABLE quota_consumptions (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        feature varchar(60) NOT NULL,
        request_id varchar(128) NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        ok boolean NOT NULL,
        code varchar(32) NULL,
        period_start timestamptz NULL,
        answer jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT quota_consumptions_request_unique UNIQUE (customer_id, feature, request_id)
      )`)
    this.schema.raw('CREATE INDEX quota_consumptions_created_idx ON quota_consumptions (created_at, id)')
    this.schema.raw('CREATE INDEX quota_consumptions_customer_idx ON quota_consumptions (customer_id, created_at, id)')

    this.schema.raw(`
      CREATE TABLE quota_alerts (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        feature varchar(60) NOT NULL,
        period varchar(16) NOT NULL CHECK (period IN ('daily', 'monthly', 'lifetime')),
        period_start timestamptz NOT NULL,
        threshold smallint NOT NULL CHECK (threshold IN (80, 95, 100)),
        used bigint NOT NULL,
        quota_limit bigint NOT NULL,
        notification_id bigint NULL REFERENCES notifications(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT quota_alerts_unique UNIQUE (customer_id, feature, period, period_start, threshold)
      )`)
    this.schema.raw('CREATE INDEX quota_alerts_created_idx ON quota_alerts (created_at, id)')

    this.schema.raw(`
      CREATE FUNCTION customer_quota_limits(at timestamptz, only_customer bigint DEFAULT NULL)
      RETURNS TABLE (customer_id bigint, feature text, period text, quota_limit bigint, plan_id bigint, plan_count integer)
      LANGUAGE sql STABLE AS $$
        SELECT cp.customer_id, q.feature, q.period,
               CASE WHEN bool_or(q."limit" IS NULL) THEN NULL ELSE sum(q."limit")::bigint END,
               (array_agg(cp.plan_id ORDER BY cp.starts_at DESC, cp.id DESC))[1],
               count(DISTINCT cp.plan_id)::integer
          FROM customer_plans cp
          JOIN plans p ON p.id = cp.plan_id
         CROSS JOIN LATERAL jsonb_to_recordset(p.quotas) AS q(feature text, "limit" bigint, period text)
         WHERE cp.status = 'active' AND cp.starts_at <= at AND (cp.ends_at IS NULL OR cp.ends_at > at)
           AND (only_customer IS NULL OR cp.customer_id = only_customer)
         GROUP BY cp.customer_id, q.feature, q.period
      $$`)

    this.schema.raw(`
      CREATE VIEW customer_quotas AS
        SELECT l.customer_id || ':' || l.feature || ':' || l.period AS id,
               l.customer_id, l.feature, l.period, l.quota_limit, l.plan_id, l.plan_count,
               c.time_zone,
               quota_period_start(l.period, c.time_zone, now()) AS period_start,
               quota_period_end(l.period, c.time_zone, now()) AS resets_at,
               COALESCE((SELECT qc.used FROM quota_counters qc
                          WHERE qc.customer_id = l.customer_id AND qc.feature = l.feature AND qc.period = l.period
                            AND qc.period_start = quota_period_start(l.period, c.time_zone, now())), 0) AS used
          FROM customer_quota_limits(now()) l
          JOIN customers c ON c.id = l.customer_id`)
  }

  async down() {
    this.schema.raw('DROP VIEW IF EXISTS customer_quotas')
    this.schema.raw('DROP FUNCTION IF EXISTS customer_quota_limits(timestamptz, bigint)')
    this.schema.raw('DROP TABLE IF EXISTS quota_alerts')
    this.schema.raw('DROP TABLE IF EXISTS quota_consumptions')
    this.schema.raw('DROP TABLE IF EXISTS quota_counters')
    this.schema.raw('DROP TABLE IF EXISTS customer_plans')
    this.schema.raw('DROP FUNCTION IF EXISTS quota_period_end(text, text, timestamptz)')
    this.schema.raw('DROP FUNCTION IF EXISTS quota_period_start(text, text, timestamptz)')
    this.schema.raw('ALTER TABLE customers DROP COLUMN IF EXISTS time_zone')
    this.schema.raw('DROP FUNCTION IF EXISTS is_time_zone(text)')
    this.schema.raw('ALTER TABLE plan_versions DROP COLUMN IF EXISTS quotas, DROP COLUMN IF EXISTS quota_policy')
    this.schema.raw('ALTER TABLE plans DROP COLUMN IF EXISTS quotas')
  }
}
