import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Anomaly detection (issue 11 §3, PRD §8 异常消耗检测 / §11 调用风控).
 *
 * - risk_rules: one row per alert kind, edited in the console (audited). The spike kinds compare
 *   the last `window_minutes` (whole hours: the rollups are hourly) with the average window of the
 *   `baseline_hours` before it, by `factor`; `minimum_spend` (ledger units, spend spikes) or
 *   `minimum_requests` (request spikes) keep small customers from raising alerts. The monthly-cap
 *   kind has no window, baseline, factor or minimum: it is on or off.
 * - risk_alerts: what the `usage-anomalies` job raised (backend/actions/risk/detect_anomalies.ts
 *   states the rule). `observed` is in the kind's unit — ledger units (10⁻⁶ of the asset) for
 *   spend and the monthly cap, requests for request spikes; `baseline` is the average per window
 *   in the same unit, half-even at 6 decimals (the cap itself for the monthly-cap kind) and
 *   `threshold` what `observed` had to reach. One alert per kind, subject and window:
 *   `subject_id` is the key for a key's alert, the customer for a customer's, and the unique
 *   constraint makes a rerun of the job a no-op. Staff acknowledge, lock the key, freeze the
 *   customer or resolve it; each step says who and when.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE risk_rules (
        kind varchar(40) PRIMARY KEY CHECK (kind IN ('spend_spike', 'request_spike', 'monthly_cap_exceeded')),
        enabled boolean NOT NULL DEFAULT true,
        window_minutes integer NULL CHECK (window_minutes BETWEEN 60 AND 1440 AND window_minutes % 60 = 0),
        baseline_hours integer NULL CHECK (baseline_hours BETWEEN 24 AND 2160),
        factor numeric(8,4) NULL CHECK (factor > 1 AND factor <= 1000),
        minimum_spend bigint NULL CHECK (minimum_spend >= 0),
        minimum_requests bigint NULL CHECK (minimum_requests >= 0),
        updated_by bigint NULL REFERENCES staff(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT risk_rules_baseline_covers_window CHECK (baseline_hours * 60 >= window_minutes),
        CONSTRAINT risk_rules_shape CHECK (CASE kind
          WHEN 'spend_spike' THEN window_minutes IS NOT NULL AND baseline_hours IS NOT NULL AND factor IS NOT NULL
            AND minimum_spend IS NOT NULL AND minimum_requests IS NULL
          WHEN 'request_spike' THEN window_minutes IS NOT NULL AND baseline_hours IS NOT NULL AND factor IS NOT NULL
            AND minimum_requests IS NOT NULL AND minimum_spend IS NULL
          ELSE window_minutes IS NULL AND baseline_hours IS NULL AND factor IS NULL AND minimum_spend IS NULL AND minimum_requests IS NULL
        END)
      )`)
    this.schema.raw(`
      INSERT INTO risk_rules (kind, window_minutes, baseline_hours, factor, minimum_spend, minimum_requests) VALUES
        ('spend_spike', 60, 168, 5.0, 10000000, NULL),
        ('request_spike', 60, 168, 5.0, NULL, 300),
        ('monthly_cap_exceeded', NULL, NULL, NULL, NULL, NULL)`)

    this.schema.raw(`
      CREATE TABLE risk_alerts (
        id bigserial PRIMARY KEY,
        kind varchar(40) NOT NULL CHECK (kind IN ('spend_spike', 'request_spike', 'monthly_cap_exceeded')),
        subject_type varchar(10) NOT NULL CHECK (subject_type IN ('customer', 'api_key')),
        customer_id bigint NOT NULL REFERENCES customers(id),
        api_key_id bigint NULL REFERENCES api_keys(id),
        subject_id bigint GENERATED ALWAYS AS (CASE WHEN subject_type = 'api_key' THEN api_key_id ELSE customer_id END) STORED,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        window_minutes integer NULL,
        baseline_hours integer NULL,
        observed bigint NOT NULL CHECK (observed >= 0),
        baseline numeric(38,6) NOT NULL CHECK (baseline >= 0),
        threshold numeric(38,6) NOT NULL CHECK (threshold >= 0),
        factor numeric(8,4) NULL,
        top_model_id bigint NULL REFERENCES usage_models(id),
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
        note text NULL,
        acknowledged_by bigint NULL REFERENCES staff(id),
        acknowledged_at timestamptz NULL,
        action_taken varchar(20) NULL CHECK (action_taken IN ('locked_key', 'froze_customer')),
        action_taken_by bigint NULL REFERENCES staff(id),
        action_taken_at timestamptz NULL,
        resolved_by bigint NULL REFERENCES staff(id),
        resolved_at timestamptz NULL,
        resolution_note text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT risk_alerts_subject CHECK ((subject_type = 'api_key') = (api_key_id IS NOT NULL)),
        CONSTRAINT risk_alerts_window CHECK (window_end > window_start),
        CONSTRAINT risk_alerts_resolved CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
        CONSTRAINT risk_alerts_once UNIQUE (kind, subject_type, subject_id, window_start)
      )`)
    this.schema.raw('CREATE INDEX risk_alerts_created_idx ON risk_alerts (created_at DESC, id DESC)')
    this.schema.raw('CREATE INDEX risk_alerts_status_idx ON risk_alerts (status, created_at DESC, id DESC)')
    this.schema.raw('CREATE INDEX risk_alerts_customer_idx ON risk_alerts (customer_id, created_at DESC)')
    this.schema.raw('CREATE INDEX risk_alerts_key_idx ON risk_alerts (api_key_id, created_at DESC) WHERE api_key_id IS NOT NULL')
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS risk_alerts, risk_rules')
  }
}
