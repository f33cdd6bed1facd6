import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Voucher campaigns (PRD §3 代金券) and what each one granted.
 *
 * - campaigns: the offer (amount, validity: a fixed end or N days after the grant), its
 *   audience (everyone, chosen customer ids, or a saved users-list filter), and the progress
 *   of sending. `cursor_customer_id` is the keyset position of the sending job, so a restart
 *   resumes where it stopped.
 * - campaign_grants: one row per (campaign, customer), unique — the claim a sending job takes
 *   before it grants, in the same transaction as the ledger posting. A customer who was
 *   skipped (frozen) has a row too, so progress is counted from rows and a restart neither
 *   grants nor counts anyone twice.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE campaigns (
        id bigserial PRIMARY KEY,
        name varchar(120) NOT NULL,
        description text NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        validity varchar(8) NOT NULL CHECK (validity IN ('fixed', 'days')),
        valid_until timestamptz NULL,
        valid_days integer NULL CHECK (valid_days BETWEEN 1 AND 3650),
        audience varchar(12) NOT NULL CHECK (audience IN ('all', 'selected', 'filter')),
        customer_ids jsonb NULL,
        audience_filter jsonb NULL,
        status varchar(12) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sending', 'sent', 'failed')),
        total integer NOT NULL DEFAULT 0,
        granted integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        cursor_customer_id bigint NOT NULL DEFAULT 0,
        last_error text NULL,
        created_by integer NULL REFERENCES staff(id),
        sent_by integer NULL REFERENCES staff(id),
        send_requested_at timestamptz NULL,
        started_at timestamptz NULL,
        finished_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaigns_validity CHECK (
          (validity = 'fixed' AND valid_until IS NOT NULL) OR (validity = 'days' AND valid_days IS NOT NULL)
        ),
        CONSTRAINT campaigns_audience CHECK (
          (audience <> 'selected' OR customer_ids IS NOT NULL) AND (audience <> 'filter' OR audience_filter IS NOT NULL)
        )
      )`)
    this.schema.raw('CREATE INDEX campaigns_created_idx ON campaigns (created_at, id)')
    this.schema.raw('CREATE INDEX campaigns_status_idx ON campaigns (status, id)')

    this.schema.raw(`
      CREATE TABLE campaign_grants (
        id bigserial PRIMARY KEY,
        campaign_id bigint NOT NULL REFERENCES campaigns(id),
        customer_id bigint NOT NULL REFERENCES customers(id),
        -- 'pending' is the claim, only ever seen inside the sending transaction that grants
        status varchar(8) NOT NULL CHECK (status IN ('pending', 'granted', 'skipped')),
        skip_reason varchar(64) NULL,
        transaction_id bigint NULL REFERENCES ledger_transactions(id),
        amount bigint NOT NULL DEFAULT 0 CHECK (amount >= 0),
        expires_at timestamptz NULL,
        operator_id integer NULL REFERENCES staff(id),
        memo text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaign_grants_granted CHECK ((status = 'granted') = (transaction_id IS NOT NULL AND amount > 0))
      )`)
    this.schema.raw('CREATE UNIQUE INDEX campaign_grants_once ON campaign_grants (campaign_id, customer_id)')
    this.schema.raw('CREATE INDEX campaign_grants_customer_idx ON campaign_grants (customer_id, id)')
    this.schema.raw('CREATE INDEX campaign_grants_created_idx ON campaign_grants (created_at, id)')
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS campaign_grants')
    this.schema.raw('DROP TABLE IF EXISTS campaigns')
  }
}
