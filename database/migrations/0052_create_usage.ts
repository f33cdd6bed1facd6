import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Metered usage (issue 10 §3–4): usage rows partitioned by month, the request-id claims that
 * make each request billed exactly once, credit holds for long jobs and their generations.
 *
 * - usage_records: one row per request, range-partitioned by `started_at` (one partition per
 *   UTC month, `usage_records_YYYY_MM`). Charged, cost, margin and cache savings are ledger
 *   units (10⁻⁶ of the asset); `charged` = the sum of the five charge components.
 * - usage_request_ids: the idempotency claim of a request id, inserted in the same transaction
 *   as its usage row and its debit (a unique key across partitions, which a partitioned table
 *   cannot have by itself).
 * - ensure_usage_partition(month): creates a month's partition; runs as the owner (SECURITY
 *   DEFINER) so the app role never needs CREATE. A job keeps partitions ahead; ingestion calls
 *   it for a late record's month.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE usage_records (
        id bigserial NOT NULL,
        started_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        request_id varchar(200) NOT NULL,
        customer_id bigint NOT NULL,
        api_key_id bigint NULL,
        model_id bigint NOT NULL,
        channel_id bigint NULL,
        price_version_id bigint NOT NULL,
        multiplier numeric(8,4) NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('success', 'error', 'cancelled')),
        latency_ms integer NULL CHECK (latency_ms >= 0),
        input_tokens bigint NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
        output_tokens bigint NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
        cache_read_tokens bigint NOT NULL DEFAULT 0 CHECK (cache_read_tokens >= 0),
        cache_write_tokens bigint NOT NULL DEFAULT 0 CHECK (cache_write_tokens >= 0),
        units numeric(20,6) NOT NULL DEFAULT 0 CHECK (units >= 0),
        input_charge bigint NOT NULL DEFAULT 0,
        output_charge bigint NOT NULL DEFAULT 0,
        cache_read_charge bigint NOT NULL DEFAULT 0,
        cache_write_charge bigint NOT NULL DEFAULT 0,
        unit_charge bigint NOT NULL DEFAULT 0,
        charged bigint NOT NULL CHECK (charged >= 0),
        cost bigint NOT NULL DEFAULT 0 CHECK (cost >= 0),
        margin bigint NOT NULL,
        cache_savings bigint NOT NULL DEFAULT 0 CHECK (cache_savings >= 0),
        ledger_transaction_id bigint NULL,
        hold_id bigint NULL,
        upstream_request_id varchar(200) NULL,
        job_id varchar(200) NULL,
        PRIMARY KEY (id, started_at),
        CONSTRAINT usage_records_breakdown CHECK (charged = input_charge + output_charge + cache_read_charge + cache_write_charge + unit_charge),
        CONSTRAINT usage_records_margin CHECK (margin = charged - cost)
      ) PARTITION BY RANGE (started_at)`)
    for (const index of [
      'CREATE INDEX usage_records_started_idx ON usage_records (started_at DESC, id DESC)',
      'CREATE INDEX usage_records_customer_idx ON usage_records (customer_id, started_at DESC, id DESC)',
      'CREATE INDEX usage_records_key_idx ON usage_records (api_key_id, started_at DESC) WHERE api_key_id IS NOT NULL',
      'CREATE INDEX usage_records_model_idx ON usage_records (model_id, started_at DESC)',
      'CREATE INDEX usage_records_channel_idx ON usage_records (channel_id, started_at DESC)',
      'CREATE INDEX usage_records_request_idx ON usage_records (request_id)',
      'CREATE INDEX usage_records_upstream_idx ON usage_records (upstream_request_id) WHERE upstream_request_id IS NOT NULL',
      'CREATE INDEX usage_records_transaction_idx ON usage_records (ledger_transaction_id) WHERE ledger_transaction_id IS NOT NULL',
    ]) {
      this.schema.raw(index)
    }

    this.schema.raw(`
      CREATE FUNCTION ensure_usage_partition(month date) RETURNS text
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        first_day date := date_trunc('month', month)::date;
        name text := 'usage_records_' || to_char(first_day, 'YYYY_MM');
      BEGIN
        IF month IS NULL OR first_day < date '2000-01-01' OR first_day > date '2200-01-01' THEN
          RAISE EXCEPTION 'no usage partition for %', month;
        END IF;
        IF to_regclass('public.' || name) IS NULL THEN
          BEGIN
            EXECUTE format('CREATE TABLE public.%I PARTITION OF public.usage_records FOR VALUES FROM (%L) TO (%L)',
              name, first_day::timestamp AT TIME ZONE 'UTC', (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC');
          EXCEPTION WHEN duplicate_table THEN NULL;
          END;
        END IF;
        RETURN name;
      END;
      $$`)
    this.schema.raw(`
      DO $$ BEGIN
        FOR i IN -3..3 LOOP PERFORM ensure_usage_partition((date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i))::date); END LOOP;
      END $$`)

    this.schema.raw(`
      CREATE TABLE usage_request_ids (
        request_id varchar(200) PRIMARY KEY,
        usage_id bigint NOT NULL,
        started_at timestamptz NOT NULL,
        customer_id bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`)

    this.schema.raw(`
      CREATE TABLE holds (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        api_key_id bigint NULL REFERENCES api_keys(id),
        idempotency_key varchar(200) NOT NULL UNIQUE,
        request_hash char(64) NOT NULL,
        model_id bigint NULL REFERENCES usage_models(id),
        units numeric(20,6) NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        from_cash bigint NOT NULL DEFAULT 0 CHECK (from_cash >= 0),
        from_gift bigint NOT NULL DEFAULT 0 CHECK (from_gift >= 0),
        captured bigint NULL CHECK (captured >= 0 AND captured <= amount),
        status varchar(10) NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'captured', 'released', 'expired')),
        expires_at timestamptz NOT NULL,
        hold_transaction_id bigint NOT NULL UNIQUE REFERENCES ledger_transactions(id),
        settle_transaction_id bigint NULL UNIQUE REFERENCES ledger_transactions(id),
        settled_at timestamptz NULL,
        settled_by varchar(100) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT holds_split CHECK (from_cash + from_gift = amount),
        CONSTRAINT holds_settled CHECK ((status = 'held') = (settled_at IS NULL)),
        CONSTRAINT holds_captured CHECK ((status = 'captured') = (captured IS NOT NULL))
      )`)
    this.schema.raw('CREATE INDEX holds_customer_idx ON holds (customer_id, id)')
    this.schema.raw("CREATE INDEX holds_expiry_idx ON holds (expires_at) WHERE status = 'held'")

    this.schema.raw(`
      CREATE TABLE generations (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        hold_id bigint NULL UNIQUE REFERENCES holds(id),
        model_id bigint NULL REFERENCES usage_models(id),
        type varchar(10) NOT NULL CHECK (type IN ('video', 'image', 'audio', 'text')),
        prompt text NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'completed', 'failed')),
        output_urls jsonb NOT NULL DEFAULT '[]',
        credits bigint NOT NULL DEFAULT 0 CHECK (credits >= 0),
        failure_reason text NULL,
        hidden_at timestamptz NULL,
        hidden_by bigint NULL REFERENCES staff(id),
        hidden_reason text NULL,
        refund_transaction_id bigint NULL UNIQUE REFERENCES ledger_transactions(id),
        completed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw('CREATE INDEX generations_customer_idx ON generations (customer_id, id)')
    this.schema.raw('CREATE INDEX generations_status_idx ON generations (status, id)')
    this.schema.raw('CREATE INDEX generations_created_idx ON generations (created_at, id)')
    this.schema.raw("CREATE INDEX generations_prompt_idx ON generations USING gin (to_tsvector('simple', prompt))")
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS generations, holds, usage_request_ids, usage_records CASCADE')
    this.schema.raw('DROP FUNCTION IF EXISTS ensure_usage_partition(date)')
  }
}
