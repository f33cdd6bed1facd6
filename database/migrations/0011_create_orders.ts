import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Recharge orders (admin-prd §6): one row per attempt to buy balance, by Stripe Checkout or
 * offline (bank transfer, cash).
 *
 * Status: PENDING → PAID | FAILED | CANCELLED, and after payment REFUNDING |
 * PARTIALLY_REFUNDED | REFUNDED. A paid order is credited by exactly one ledger `recharge`
 * transaction (idempotency key `recharge:order:<id>`), linked in `paid_transaction_id`
 * (unique: one transaction never pays two orders).
 *
 * Amounts: `amount`, `refunded_amount` and `disputed_amount` are integers in the currency's
 * minor units (what the customer paid); `grant_amount` and `frozen_amount` are ledger units
 * (what the balance received / what a dispute holds). `refunded_amount <= amount` is a CHECK,
 * so no code path can record more refunded than paid.
 *
 * The channel's own ids are unique per channel: a Checkout Session, a PaymentIntent or a bank
 * reference can settle one order only.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE SEQUENCE order_number_seq')
    // R20261122-000123: the UTC day and a global counter (never truncated past 6 digits)
    this.schema.raw(`
      CREATE FUNCTION next_order_number() RETURNS text AS $$
      DECLARE n bigint := nextval('order_number_seq');
      BEGIN
        RETURN 'R' || to_char(now() AT TIME ZONE 'UTC', 'YYYYMMDD') || '-' || lpad(n::text, greatest(6, length(n::text)), '0');
      END;
      $$ LANGUAGE plpgsql`)

    this.schema.raw(`
      CREATE TABLE orders (
        id bigserial PRIMARY KEY,
        number varchar(32) NOT NULL DEFAULT next_order_number(),
        customer_id bigint NOT NULL REFERENCES customers(id),
        plan_id bigint NULL REFERENCES plans(id),
        plan_version_id bigint NULL REFERENCES plan_versions(id),
        plan_name varchar(120) NULL,
        channel varchar(16) NOT NULL CHECK (channel IN ('stripe', 'bank_transfer', 'cash')),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        amount bigint NOT NULL CHECK (amount > 0),
        grant_amount bigint NOT NULL CHECK (grant_amount > 0),
        status varchar(20) NOT NULL DEFAULT 'PENDING'
          CHECK (status IN ('PENDING', 'PAID', 'FAILED', 'CANCELLED', 'REFUNDING', 'PARTIALLY_REFUNDED', 'REFUNDED')),
        channel_order_id varchar(255) NULL,
        channel_payment_id varchar(255) NULL,
        checkout_url text NULL,
        failure_reason text NULL,
        expires_at timestamptz NULL,
        paid_at timestamptz NULL,
        failed_at timestamptz NULL,
        cancelled_at timestamptz NULL,
        paid_transaction_id bigint NULL REFERENCES ledger_transactions(id),
        credited_at timestamptz NULL,
        refunded_amount bigint NOT NULL DEFAULT 0,
        refunded_at timestamptz NULL,
        dispute_id varchar(255) NULL,
        dispute_status varchar(32) NULL,
        disputed_amount bigint NOT NULL DEFAULT 0 CHECK (disputed_amount >= 0),
        frozen_amount bigint NOT NULL DEFAULT 0 CHECK (frozen_amount >= 0),
        locked boolean NOT NULL DEFAULT false,
        lock_reason text NULL,
        locked_at timestamptz NULL,
        locked_by integer NULL REFERENCES staff(id),
        created_by integer NULL REFERENCES staff(id),
        operator_id integer NULL REFERENCES staff(id),
        first_approver_id integer NULL REFERENCES staff(id),
        first_approved_at timestamptz NULL,
        first_approval_reference varchar(100) NULL,
        confirmed_by integer NULL REFERENCES staff(id),
        remark text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orders_refunded_range CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
        CONSTRAINT orders_paid_has_time CHECK (status IN ('PENDING', 'FAILED', 'CANCELLED') OR paid_at IS NOT NULL),
        CONSTRAINT orders_credit_has_time CHECK ((paid_transaction_id IS NULL) = (credited_at IS NULL)),
        CONSTRAINT orders_lock_has_reason CHECK (NOT locked OR lock_reason IS NOT NULL),
        CONSTRAINT orders_checkout_only_stripe CHECK (channel = 'stripe' OR checkout_url IS NULL),
        CONSTRAINT orders_second_approval_after_first CHECK (first_approver_id IS NULL OR first_approved_at IS NOT NULL)
      )`)
    this.schema.raw('CREATE UNIQUE INDEX orders_number_unique ON orders (number)')
    this.schema.raw('CREATE UNIQUE INDEX orders_channel_order_unique ON orders (channel, channel_order_id) WHERE channel_order_id IS NOT NULL')
    this.schema.raw('CREATE UNIQUE INDEX orders_channel_payment_unique ON orders (channel_payment_id) WHERE channel_payment_id IS NOT NULL')
    this.schema.raw('CREATE UNIQUE INDEX orders_paid_transaction_unique ON orders (paid_transaction_id) WHERE paid_transaction_id IS NOT NULL')
    for (const column of ['customer_id', 'status', 'channel', 'currency', 'created_at', 'paid_at', 'amount', 'plan_id', 'locked', 'operator_id']) {
      this.schema.raw(`CREATE INDEX orders_${column}_idx ON orders (${column}, id)`)
    }
    // what the expiry job scans every minute
    this.schema.raw(`CREATE INDEX orders_due_idx ON orders (expires_at) WHERE status = 'PENDING'`)
    // paid but never credited: what back-fill and reconciliation look for
    this.schema.raw(`CREATE INDEX orders_uncredited_idx ON orders (paid_at) WHERE paid_transaction_id IS NULL AND paid_at IS NOT NULL`)
    this.schema.raw('CREATE INDEX orders_number_trgm ON orders USING gin (number gin_trgm_ops)')
    this.schema.raw('CREATE INDEX orders_channel_order_trgm ON orders USING gin (channel_order_id gin_trgm_ops)')
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS orders')
    this.schema.raw('DROP FUNCTION IF EXISTS next_order_number()')
    this.schema.raw('DROP SEQUENCE IF EXISTS order_number_seq')
  }
}
