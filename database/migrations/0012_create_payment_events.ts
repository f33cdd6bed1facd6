import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Every payment-provider event that passed signature verification, stored by its id.
 *
 * The unique (provider, event_id) is how an event is processed exactly once: a delivery
 * claims the row (INSERT … ON CONFLICT DO UPDATE, which makes a concurrent delivery of the same
 * event wait for the first to commit) and does nothing when it finds the event already
 * processed. `attempts` counts deliveries; `status` says what became of the event:
 *   received   being processed (never visible after a commit)
 *   processed  applied to its order
 *   ignored    a type we do not act on
 *   unmatched  no order of ours could be found for it (kept for reconciliation)
 *   failed     processing raised an error (`error`); the provider's retry processes it again
 * Rejected deliveries (bad signature, stale timestamp) are never stored here: they are
 * audit rows (`webhook.rejected`).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE payment_events (
        id bigserial PRIMARY KEY,
        provider varchar(16) NOT NULL,
        event_id varchar(255) NOT NULL,
        type varchar(100) NOT NULL,
        livemode boolean NOT NULL DEFAULT false,
        payload jsonb NOT NULL,
        event_created_at timestamptz NULL,
        order_id bigint NULL REFERENCES orders(id) ON DELETE SET NULL,
        status varchar(16) NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'ignored', 'unmatched', 'failed')),
        error text NULL,
        attempts integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
        received_at timestamptz NOT NULL DEFAULT now(),
        last_received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz NULL,
        CONSTRAINT payment_events_unique UNIQUE (provider, event_id)
      )`)
    this.schema.raw('CREATE INDEX payment_events_order_idx ON payment_events (order_id, id) WHERE order_id IS NOT NULL')
    this.schema.raw('CREATE INDEX payment_events_status_idx ON payment_events (status, id)')
    this.schema.raw('CREATE INDEX payment_events_received_idx ON payment_events (received_at, id)')
    this.schema.raw('CREATE INDEX payment_events_type_idx ON payment_events (type, id)')
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS payment_events')
  }
}
