import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Refunds under finance review (admin-prd §2, §6) and customer notifications.
 *
 * A refund is requested by operations/support on a paid order (amount in the order's currency,
 * minor units; `ledger_amount` is the same amount in ledger units, converted like the recharge
 * was) and reviewed by a different finance member:
 *   REQUESTED → REJECTED | PROCESSING → SUCCEEDED | REFUND_FAILED → (retry) PROCESSING …
 * Ledger keys: `refund:<id>:hold` (cash → refund_pending), `refund:<id>:settle`
 * (refund_pending → refunds), `refund:<id>:release` (refund_pending → cash); a retry's hold and
 * release carry the attempt (`refund:<id>:hold:2`). The order row is locked while a refund is
 * requested or approved, so the "≤ paid" cap is checked against a stable order.
 *
 * `notifications`: a record per message to a customer; delivery channels come later.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE refunds (
        id bigserial PRIMARY KEY,
        order_id bigint NOT NULL REFERENCES orders(id),
        customer_id bigint NOT NULL REFERENCES customers(id),
        channel varchar(16) NOT NULL,
        currency char(3) NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        ledger_amount bigint NOT NULL CHECK (ledger_amount > 0),
        status varchar(16) NOT NULL DEFAULT 'REQUESTED'
          CHECK (status IN ('REQUESTED', 'REJECTED', 'PROCESSING', 'SUCCEEDED', 'REFUND_FAILED')),
        reason text NOT NULL,
        requested_by bigint NULL REFERENCES staff(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        reviewed_by bigint NULL REFERENCES staff(id),
        reviewed_at timestamptz NULL,
        review_note text NULL,
        attempts integer NOT NULL DEFAULT 0,
        provider_refund_id varchar(255) NULL,
        bank_reference varchar(100) NULL,
        failure_reason text NULL,
        hold_transaction_id bigint NULL REFERENCES ledger_transactions(id),
        settle_transaction_id bigint NULL REFERENCES ledger_transactions(id),
        release_transaction_id bigint NULL REFERENCES ledger_transactions(id),
        completed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw('CREATE INDEX refunds_order_idx ON refunds (order_id, id)')
    this.schema.raw('CREATE INDEX refunds_status_idx ON refunds (status, id)')
    this.schema.raw('CREATE INDEX refunds_customer_idx ON refunds (customer_id, id)')
    this.schema.raw(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        kind varchar(64) NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz NULL
      )`)
    this.schema.raw('CREATE INDEX notifications_customer_idx ON notifications (customer_id, id)')
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS notifications')
    this.schema.raw('DROP TABLE IF EXISTS refunds')
  }
}
