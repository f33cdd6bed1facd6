import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What Usage II's parts share (issue 11):
 *
 * - notifications: in-app messages to a customer (tier upgraded, quota at 80/95/100 %, key locked,
 *   risk alert…). `kind` is from the contract's NOTIFICATION_KINDS; `title`/`body` are stored in
 *   both languages (`{en, zh-CN}`) so the portal shows the reader's; `data` carries the figures the
 *   text was made from (feature, threshold, tier…). `dedupe_key` makes a notification that must be
 *   sent once (a quota threshold per period) idempotent: a second insert with the same key is a
 *   no-op (ON CONFLICT DO NOTHING). Read state is the customer's own; email/webhook delivery comes
 *   with a later channel table.
 * - customers.rpm_limit / tpm_limit: the customer's effective request and token rates per minute
 *   (from its tier, its organisation's negotiated terms or a staff override), recomputed in the
 *   transaction that changes any of those; NULL = unlimited. Verify reads them through its cache
 *   (the customers trigger of 0051 invalidates it), so a change takes effect on the next verify.
 */
export default class extends BaseSchema {
  async up() {
    // The table exists since 0013 (refund notices: kind + payload); it gains the in-app message's
    // columns, so both writers share one table. Rows written before have empty title/body.
    this.schema.raw('DROP INDEX IF EXISTS notifications_customer_idx')
    this.schema.raw(`
      ALTER TABLE notifications
        ADD COLUMN severity varchar(16) NOT NULL DEFAULT 'info' CHECK (severity IN ('info', 'warning', 'critical')),
        ADD COLUMN title jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(title) = 'object'),
        ADD COLUMN body jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(body) = 'object'),
        ADD COLUMN data jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN dedupe_key varchar(200) NULL,
        ADD COLUMN read_at timestamptz NULL`)
    this.schema.raw('CREATE UNIQUE INDEX notifications_dedupe_unique ON notifications (customer_id, dedupe_key) WHERE dedupe_key IS NOT NULL')
    this.schema.raw('CREATE INDEX notifications_customer_idx ON notifications (customer_id, created_at DESC, id DESC)')
    this.schema.raw('CREATE INDEX notifications_unread_idx ON notifications (customer_id, id) WHERE read_at IS NULL')
    this.schema.raw('CREATE INDEX notifications_created_idx ON notifications (created_at, id)')
    this.schema.raw('CREATE INDEX notifications_kind_idx ON notifications (kind, created_at, id)')

    this.schema.raw('ALTER TABLE customers ADD COLUMN rpm_limit integer NULL CHECK (rpm_limit > 0)')
    this.schema.raw('ALTER TABLE customers ADD COLUMN tpm_limit bigint NULL CHECK (tpm_limit > 0)')
  }

  async down() {
    this.schema.raw('ALTER TABLE customers DROP COLUMN IF EXISTS rpm_limit, DROP COLUMN IF EXISTS tpm_limit')
    for (const index of ['notifications_dedupe_unique', 'notifications_customer_idx', 'notifications_unread_idx', 'notifications_created_idx', 'notifications_kind_idx']) {
      this.schema.raw(`DROP INDEX IF EXISTS ${index}`)
    }
    this.schema.raw('ALTER TABLE notifications DROP COLUMN IF EXISTS severity, DROP COLUMN IF EXISTS title, DROP COLUMN IF EXISTS body, DROP COLUMN IF EXISTS data, DROP COLUMN IF EXISTS dedupe_key, DROP COLUMN IF EXISTS read_at')
    this.schema.raw('CREATE INDEX notifications_customer_idx ON notifications (customer_id, id)')
  }
}
