import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Cash adjustments under maker-checker (issue 9 §4): finance requests a credit or a debit of a
 * customer's cash with a reason and a reference; a different finance member approves or rejects.
 *
 *   PENDING → APPROVED (one `cash_adjustment` ledger transaction, key `cash_adjustment:<id>`)
 *           → REJECTED (nothing posted, with the reviewer's reason)
 *
 * The database holds the rules code might forget: the maker never reviews their own request,
 * an approved row names its approver and its ledger transaction, a rejected one its reviewer and
 * reason, and a transaction settles at most one adjustment. `idempotency_key` is the
 * requester's key per submission (`ext:staff:<id>:…`), so a double click requests once.
 * Amounts are in ledger units (10^-6 of `currency`, the ledger asset).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE cash_adjustments (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        direction varchar(8) NOT NULL CHECK (direction IN ('credit', 'debit')),
        amount bigint NOT NULL CHECK (amount > 0),
        currency varchar(12) NOT NULL,
        reason text NOT NULL CHECK (length(btrim(reason)) >= 3),
        reference varchar(100) NOT NULL CHECK (length(btrim(reference)) >= 1),
        status varchar(10) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        idempotency_key varchar(200) NULL UNIQUE,
        requested_by bigint NOT NULL REFERENCES staff(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        approved_by bigint NULL REFERENCES staff(id),
        approved_at timestamptz NULL,
        rejected_by bigint NULL REFERENCES staff(id),
        rejected_at timestamptz NULL,
        rejection_reason text NULL,
        ledger_transaction_id bigint NULL UNIQUE REFERENCES ledger_transactions(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cash_adjustments_maker_is_not_checker CHECK (approved_by <> requested_by AND rejected_by <> requested_by),
        CONSTRAINT cash_adjustments_approved CHECK (
          (status = 'APPROVED') = (approved_by IS NOT NULL AND approved_at IS NOT NULL AND ledger_transaction_id IS NOT NULL)),
        CONSTRAINT cash_adjustments_rejected CHECK (
          (status = 'REJECTED') = (rejected_by IS NOT NULL AND rejected_at IS NOT NULL AND rejection_reason IS NOT NULL))
      )`)
    this.schema.raw('CREATE INDEX cash_adjustments_customer_idx ON cash_adjustments (customer_id, id)')
    this.schema.raw('CREATE INDEX cash_adjustments_status_idx ON cash_adjustments (status, id)')
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS cash_adjustments')
  }
}
