import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Usage rollups (issue 11 §4): the dashboard, the reports and the anomaly job read these, never
 * the usage table at view time. Ingestion adds each billed batch to them in its own transaction
 * (rows upserted in key order, amounts added), so a rollup is exactly the sum of the usage rows
 * it covers; `usage:rollups --rebuild` recomputes a range from the usage rows.
 *
 * - usage_rollup_hourly: per UTC hour of `started_at`, customer, API key (0 = none), model and
 *   channel (0 = none). Hourly buckets let a report cut days in any whole-hour zone.
 * - usage_rollup_daily: per UTC day, customer, model and channel (no key): the dashboard's and the
 *   long-range reports' source.
 * Money columns are ledger units (10⁻⁶ of the asset), like usage_records.
 *
 * - verify_outcomes_hourly: how many verifies answered ok (code 'OK') or refused (by refusal code)
 *   per UTC hour; counted in memory by each instance and flushed every few seconds (adding), the
 *   source of the risk interception rate.
 */
const MEASURES = `
        requests bigint NOT NULL DEFAULT 0,
        successes bigint NOT NULL DEFAULT 0,
        errors bigint NOT NULL DEFAULT 0,
        input_tokens bigint NOT NULL DEFAULT 0,
        output_tokens bigint NOT NULL DEFAULT 0,
        cache_read_tokens bigint NOT NULL DEFAULT 0,
        cache_write_tokens bigint NOT NULL DEFAULT 0,
        units numeric(24,6) NOT NULL DEFAULT 0,
        charged bigint NOT NULL DEFAULT 0,
        cost bigint NOT NULL DEFAULT 0,
        margin bigint NOT NULL DEFAULT 0,
        cache_savings bigint NOT NULL DEFAULT 0,
        latency_ms_sum bigint NOT NULL DEFAULT 0`

export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE usage_rollup_hourly (
        bucket timestamptz NOT NULL,
        customer_id bigint NOT NULL,
        api_key_id bigint NOT NULL DEFAULT 0,
        model_id bigint NOT NULL,
        channel_id bigint NOT NULL DEFAULT 0,${MEASURES},
        PRIMARY KEY (bucket, customer_id, api_key_id, model_id, channel_id)
      )`)
    this.schema.raw('CREATE INDEX usage_rollup_hourly_customer_idx ON usage_rollup_hourly (customer_id, bucket)')
    this.schema.raw('CREATE INDEX usage_rollup_hourly_key_idx ON usage_rollup_hourly (api_key_id, bucket) WHERE api_key_id <> 0')

    this.schema.raw(`
      CREATE TABLE usage_rollup_daily (
        bucket date NOT NULL,
        customer_id bigint NOT NULL,
        model_id bigint NOT NULL,
        channel_id bigint NOT NULL DEFAULT 0,${MEASURES},
        PRIMARY KEY (bucket, customer_id, model_id, channel_id)
      )`)
    this.schema.raw('CREATE INDEX usage_rollup_daily_customer_idx ON usage_rollup_daily (customer_id, bucket)')
    this.schema.raw('CREATE INDEX usage_rollup_daily_model_idx ON usage_rollup_daily (model_id, bucket)')
    this.schema.raw('CREATE INDEX usage_rollup_daily_channel_idx ON usage_rollup_daily (channel_id, bucket)')

    this.schema.raw(`
      CREATE TABLE verify_outcomes_hourly (
        bucket timestamptz NOT NULL,
        code varchar(40) NOT NULL,
        count bigint NOT NULL DEFAULT 0 CHECK (count >= 0),
        PRIMARY KEY (bucket, code)
      )`)
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS verify_outcomes_hourly, usage_rollup_daily, usage_rollup_hourly')
  }
}
