import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Reconciliation (payment-credit-repair.md): a run diagnoses, its findings are repaired one by
 * one. `fingerprint` names what is wrong (`orphan:order:12`) independently of the run, so the
 * monitor can tell a new problem from one it already reported (`monitor_alerts`).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE reconciliation_runs (
        id bigserial PRIMARY KEY,
        trigger varchar(16) NOT NULL CHECK (trigger IN ('console', 'command', 'api', 'monitor')),
        started_by bigint NULL REFERENCES staff(id),
        status varchar(16) NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
        findings_count integer NOT NULL DEFAULT 0,
        repaired_count integer NOT NULL DEFAULT 0,
        summary jsonb NOT NULL DEFAULT '{}'::jsonb,
        error text NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL
      )`)
    this.schema.raw(`
      CREATE TABLE reconciliation_findings (
        id bigserial PRIMARY KEY,
        run_id bigint NOT NULL REFERENCES reconciliation_runs(id),
        kind varchar(32) NOT NULL,
        fingerprint varchar(200) NOT NULL,
        subject_type varchar(32) NOT NULL,
        subject_id varchar(64) NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb,
        safe boolean NOT NULL DEFAULT false,
        status varchar(16) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'REPAIRED', 'FAILED')),
        repair_result jsonb NULL,
        repaired_by bigint NULL REFERENCES staff(id),
        repaired_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw('CREATE INDEX reconciliation_findings_run_idx ON reconciliation_findings (run_id, id)')
    this.schema.raw('CREATE INDEX reconciliation_findings_kind_idx ON reconciliation_findings (kind, status, id)')
    this.schema.raw(`
      CREATE TABLE monitor_alerts (
        fingerprint varchar(200) PRIMARY KEY,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        alerted_at timestamptz NULL,
        resolved_at timestamptz NULL
      )`)
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS monitor_alerts')
    this.schema.raw('DROP TABLE IF EXISTS reconciliation_findings')
    this.schema.raw('DROP TABLE IF EXISTS reconciliation_runs')
  }
}
