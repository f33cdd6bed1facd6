import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Postpaid bills, disputes, credit notes and invoices (issue 12 §3–4, PRD §7 账单管理).
 *
 * Amounts are ledger units (10⁻⁶ of the ledger asset, bigint), the bill's `currency` is the ledger
 * asset. A bill covers one organization's period [period_start, period_end): its lines are the
 * period's usage by model, holds captured and adjustments; `subtotal` = Σ lines, `discount` and
 * `tax` (half-even at the ledger precision) give `total`; the deduction order says how much of the
 * total was already covered by vouchers (gift) and prepaid cash, and `amount_due` is the rest
 * (what was used on credit). `paid` grows with each payment (an order linked by `orders.bill_id`,
 * Stripe or offline under the offline four-eyes rule) and `credited` with each credit note.
 * One live bill per organization and period (the unique index makes generation idempotent; a
 * voided bill frees its period).
 *
 * Status: draft → issued → awaiting_payment → partially_paid → settled, or closed / voided
 * (void only while nothing is paid). invoice_status: none → requested → issued.
 * Disputes name a bill line; resolving one in the customer's favour issues a credit note (a
 * negative line in credit_notes, credited to the wallet or refunded), never an edit of the bill.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE SEQUENCE bill_number_seq')
    this.schema.raw(`
      CREATE TABLE bills (
        id bigserial PRIMARY KEY,
        number varchar(32) NOT NULL UNIQUE
          DEFAULT ('B' || to_char(now() AT TIME ZONE 'UTC', 'YYYYMM') || '-' || lpad(nextval('bill_number_seq')::text, 6, '0')),
        org_id bigint NOT NULL REFERENCES customers(id),
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        cycle varchar(10) NOT NULL CHECK (cycle IN ('monthly', 'custom')),
        currency varchar(8) NOT NULL,
        subtotal bigint NOT NULL DEFAULT 0,
        discount_rate numeric(7,4) NOT NULL DEFAULT 0,
        discount bigint NOT NULL DEFAULT 0 CHECK (discount >= 0),
        tax_rate numeric(7,4) NOT NULL DEFAULT 0,
        tax bigint NOT NULL DEFAULT 0 CHECK (tax >= 0),
        total bigint NOT NULL DEFAULT 0,
        covered_gift bigint NOT NULL DEFAULT 0 CHECK (covered_gift >= 0),
        covered_cash bigint NOT NULL DEFAULT 0 CHECK (covered_cash >= 0),
        amount_due bigint NOT NULL DEFAULT 0 CHECK (amount_due >= 0),
        paid bigint NOT NULL DEFAULT 0 CHECK (paid >= 0),
        credited bigint NOT NULL DEFAULT 0 CHECK (credited >= 0),
        arrears bigint NOT NULL DEFAULT 0 CHECK (arrears >= 0),
        status varchar(20) NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'issued', 'awaiting_payment', 'partially_paid', 'settled', 'closed', 'voided')),
        invoice_status varchar(12) NOT NULL DEFAULT 'none' CHECK (invoice_status IN ('none', 'requested', 'issued')),
        generated_at timestamptz NOT NULL DEFAULT now(),
        generated_by bigint NULL REFERENCES staff(id),
        issued_at timestamptz NULL,
        issued_by bigint NULL REFERENCES staff(id),
        sent_at timestamptz NULL,
        due_at timestamptz NULL,
        settled_at timestamptz NULL,
        closed_at timestamptz NULL,
        closed_reason text NULL,
        voided_at timestamptz NULL,
        voided_by bigint NULL REFERENCES staff(id),
        void_reason text NULL,
        reopened_at timestamptz NULL,
        overdue_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bills_period CHECK (period_end > period_start),
        CONSTRAINT bills_paid_le_due CHECK (paid + credited <= amount_due OR status IN ('settled', 'closed')),
        CONSTRAINT bills_void_unpaid CHECK (status <> 'voided' OR (paid = 0 AND voided_at IS NOT NULL AND void_reason IS NOT NULL)),
        CONSTRAINT bills_issued CHECK (status IN ('draft', 'voided') OR issued_at IS NOT NULL)
      )`)
    this.schema.raw(`CREATE UNIQUE INDEX bills_one_per_period ON bills (org_id, period_start, period_end) WHERE status <> 'voided'`)
    this.schema.raw(`CREATE INDEX bills_org_idx ON bills (org_id, period_start DESC, id)`)
    this.schema.raw(`CREATE INDEX bills_status_idx ON bills (status, due_at, id)`)

    this.schema.raw(`
      CREATE TABLE bill_lines (
        id bigserial PRIMARY KEY,
        bill_id bigint NOT NULL REFERENCES bills(id),
        position integer NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('usage', 'hold_capture', 'adjustment', 'other')),
        model_id bigint NULL REFERENCES usage_models(id),
        description jsonb NOT NULL,
        quantity numeric(38,6) NOT NULL DEFAULT 0,
        unit varchar(24) NULL,
        requests bigint NOT NULL DEFAULT 0,
        amount bigint NOT NULL,
        cost bigint NOT NULL DEFAULT 0,
        UNIQUE (bill_id, position)
      )`)

    this.schema.raw(`ALTER TABLE orders ADD COLUMN bill_id bigint NULL REFERENCES bills(id)`)
    this.schema.raw(`CREATE INDEX orders_bill_idx ON orders (bill_id, id) WHERE bill_id IS NOT NULL`)

    this.schema.raw(`
      CREATE TABLE bill_payments (
        id bigserial PRIMARY KEY,
        bill_id bigint NOT NULL REFERENCES bills(id),
        order_id bigint NOT NULL UNIQUE REFERENCES orders(id),
        amount bigint NOT NULL CHECK (amount > 0),
        ledger_transaction_id bigint NULL REFERENCES ledger_transactions(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw(`CREATE INDEX bill_payments_bill_idx ON bill_payments (bill_id, id)`)

    this.schema.raw(`
      CREATE TABLE bill_disputes (
        id bigserial PRIMARY KEY,
        bill_id bigint NOT NULL REFERENCES bills(id),
        bill_line_id bigint NOT NULL REFERENCES bill_lines(id),
        amount bigint NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        opened_by_customer_id bigint NULL REFERENCES customers(id),
        opened_by_staff_id bigint NULL REFERENCES staff(id),
        status varchar(12) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'credited', 'rejected')),
        resolution text NULL,
        resolved_by bigint NULL REFERENCES staff(id),
        resolved_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bill_disputes_opened_by CHECK ((opened_by_customer_id IS NULL) <> (opened_by_staff_id IS NULL)),
        CONSTRAINT bill_disputes_resolved CHECK ((status = 'open') = (resolved_at IS NULL))
      )`)
    this.schema.raw(`CREATE INDEX bill_disputes_bill_idx ON bill_disputes (bill_id, id)`)
    this.schema.raw(`CREATE INDEX bill_disputes_status_idx ON bill_disputes (status, id)`)

    this.schema.raw('CREATE SEQUENCE credit_note_number_seq')
    this.schema.raw(`
      CREATE TABLE credit_notes (
        id bigserial PRIMARY KEY,
        number varchar(32) NOT NULL UNIQUE
          DEFAULT ('CN' || to_char(now() AT TIME ZONE 'UTC', 'YYYYMM') || '-' || lpad(nextval('credit_note_number_seq')::text, 6, '0')),
        bill_id bigint NOT NULL REFERENCES bills(id),
        bill_line_id bigint NULL REFERENCES bill_lines(id),
        dispute_id bigint NULL UNIQUE REFERENCES bill_disputes(id),
        org_id bigint NOT NULL REFERENCES customers(id),
        amount bigint NOT NULL CHECK (amount > 0),
        settlement varchar(10) NOT NULL CHECK (settlement IN ('wallet', 'refund')),
        reason text NOT NULL,
        ledger_transaction_id bigint NULL REFERENCES ledger_transactions(id),
        created_by bigint NULL REFERENCES staff(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw(`CREATE INDEX credit_notes_bill_idx ON credit_notes (bill_id, id)`)

    this.schema.raw(`
      CREATE TABLE invoices (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        requested_by bigint NULL REFERENCES customers(id),
        title varchar(200) NOT NULL,
        tax_id varchar(32) NOT NULL,
        invoice_type varchar(20) NOT NULL CHECK (invoice_type IN ('vat_general', 'vat_special', 'electronic')),
        amount bigint NOT NULL CHECK (amount > 0),
        currency varchar(8) NOT NULL,
        bill_ids bigint[] NOT NULL DEFAULT '{}',
        order_ids bigint[] NOT NULL DEFAULT '{}',
        email varchar(254) NULL,
        address text NULL,
        remark text NULL,
        status varchar(12) NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'issued', 'rejected', 'cancelled')),
        invoice_number varchar(64) NULL,
        file_id bigint NULL REFERENCES stored_files(id),
        issued_by bigint NULL REFERENCES staff(id),
        issued_at timestamptz NULL,
        rejected_reason text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invoices_links CHECK (cardinality(bill_ids) + cardinality(order_ids) > 0),
        CONSTRAINT invoices_issued CHECK ((status = 'issued') = (issued_at IS NOT NULL AND file_id IS NOT NULL)),
        CONSTRAINT invoices_rejected CHECK (status <> 'rejected' OR rejected_reason IS NOT NULL)
      )`)
    this.schema.raw(`CREATE INDEX invoices_customer_idx ON invoices (customer_id, id)`)
    this.schema.raw(`CREATE INDEX invoices_status_idx ON invoices (status, id)`)
    this.schema.raw(`CREATE INDEX invoices_bill_ids_idx ON invoices USING gin (bill_ids)`)
    this.schema.raw(`CREATE INDEX invoices_order_ids_idx ON invoices USING gin (order_ids)`)
  }

  async down() {
    this.schema.raw('DROP TABLE invoices')
    this.schema.raw('DROP TABLE credit_notes')
    this.schema.raw('DROP SEQUENCE credit_note_number_seq')
    this.schema.raw('DROP TABLE bill_disputes')
    this.schema.raw('DROP TABLE bill_payments')
    this.schema.raw('ALTER TABLE orders DROP COLUMN bill_id')
    this.schema.raw('DROP TABLE bill_lines')
    this.schema.raw('DROP TABLE bills')
    this.schema.raw('DROP SEQUENCE bill_number_seq')
  }
}
