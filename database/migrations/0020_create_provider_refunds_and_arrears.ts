import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Money the payment provider takes back on its own side (a refund made in Stripe's dashboard or
 * by Radar), and arrears.
 *
 * - provider_refunds: one row per provider refund that Creditdesk did not initiate, whatever
 *   told us about it first (charge.refunded, refund.*, charge.refund.updated, reconciliation).
 *   `taken_units` is what its `provider_refund` ledger transaction took back (key
 *   `provider_refund:<provider refund id>`); a refund that later fails is compensated once
 *   (`provider_refund:<id>:restore`). Amounts in the order's minor units / ledger units.
 *   The row follows its order (orders are never deleted in use; test clean-ups delete them).
 * - arrears: a per-customer receivable account (code `arrears`, owner the customer). In this
 *   ledger a customer's balance is what the platform owes them, so what the customer owes is a
 *   balance at or below zero: the CHECK below keeps it there (an account that could go positive
 *   would be spendable credit). Its credit limit is unbounded (set when the account is opened),
 *   so the overdraft rule of cash and gift never applies to it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE provider_refunds (
        id bigserial PRIMARY KEY,
        provider varchar(16) NOT NULL DEFAULT 'stripe',
        provider_refund_id varchar(255) NOT NULL,
        order_id bigint NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        currency char(3) NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        status varchar(32) NOT NULL,
        failure_reason text NULL,
        taken_units bigint NOT NULL DEFAULT 0 CHECK (taken_units >= 0),
        take_transaction_id bigint NULL REFERENCES ledger_transactions(id),
        restore_transaction_id bigint NULL REFERENCES ledger_transactions(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT provider_refunds_restore_after_take CHECK (restore_transaction_id IS NULL OR take_transaction_id IS NOT NULL)
      )`)
    this.schema.raw('CREATE UNIQUE INDEX provider_refunds_identity ON provider_refunds (provider, provider_refund_id)')
    this.schema.raw('CREATE INDEX provider_refunds_order_idx ON provider_refunds (order_id, id)')
    this.schema.raw('CREATE INDEX provider_refunds_customer_idx ON provider_refunds (customer_id, id)')
    this.schema.raw(`ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_arrears_owed CHECK (code <> 'arrears' OR (owner_type = 'customer' AND balance <= 0))`)
  }

  async down() {
    this.schema.raw('ALTER TABLE ledger_accounts DROP CONSTRAINT IF EXISTS ledger_accounts_arrears_owed')
    this.schema.raw('DROP TABLE IF EXISTS provider_refunds')
  }
}
