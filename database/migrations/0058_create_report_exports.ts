import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Background report exports (issue 11 §5, PRD §17 "large exports run asynchronously and expire").
 *
 * One row per export a staff member asked for: which report, over what range, granularity and
 * zone (`params`), and how far the `report-export` job got: queued → running → done | failed,
 * then expired when the file is deleted after `expires_at`. The file lives under the app's data
 * directory (`file_path` relative to it, never in git); its download link is a signed URL that
 * stops working at `expires_at`, and only the staff member who asked (or a super_admin) may use it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE report_exports (
        id bigserial PRIMARY KEY,
        report varchar(40) NOT NULL,
        params jsonb NOT NULL CHECK (jsonb_typeof(params) = 'object'),
        status varchar(10) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'expired')),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        rows integer NULL CHECK (rows >= 0),
        file_path varchar(255) NULL,
        size_bytes bigint NULL CHECK (size_bytes >= 0),
        error text NULL,
        requested_by integer NOT NULL REFERENCES staff(id),
        expires_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz NULL,
        finished_at timestamptz NULL,
        CONSTRAINT report_exports_done_has_file CHECK (status <> 'done' OR (file_path IS NOT NULL AND expires_at IS NOT NULL))
      )`)
    this.schema.raw('CREATE INDEX report_exports_requested_by_idx ON report_exports (requested_by, id DESC)')
    this.schema.raw(`CREATE INDEX report_exports_expiry_idx ON report_exports (expires_at) WHERE status = 'done'`)
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS report_exports')
  }
}
