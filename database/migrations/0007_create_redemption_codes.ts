import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Redemption codes (ops-manual §积分兑换码管理). The code itself is never stored: only an
 * HMAC-SHA256 of its normalised form under a server-side key, plus its last 4 characters so
 * support can recognise it. A leaked table therefore holds no usable code, and support still
 * finds a code by typing it in full (the input is hashed the same way).
 *
 * Status moves one way: ACTIVE → REDEEMED | EXPIRED | VOIDED. The CHECKs keep each status's
 * facts consistent (a redeemed code names its customer, time and ledger transaction; a voided
 * one its reason).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE redemption_codes (
        id bigserial PRIMARY KEY,
        code_hash char(64) NOT NULL,
        prefix varchar(16) NOT NULL,
        last4 char(4) NOT NULL,
        batch_id varchar(32) NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        bucket varchar(8) NOT NULL CHECK (bucket IN ('cash', 'gift')),
        gift_validity_days integer NULL CHECK (gift_validity_days BETWEEN 1 AND 3650),
        package varchar(80) NULL,
        remark text NULL,
        status varchar(16) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'REDEEMED', 'EXPIRED', 'VOIDED')),
        expires_at timestamptz NOT NULL,
        redeemed_by bigint NULL REFERENCES customers(id),
        redeemed_at timestamptz NULL,
        transaction_id bigint NULL REFERENCES ledger_transactions(id),
        voided_at timestamptz NULL,
        voided_by integer NULL REFERENCES staff(id),
        void_reason text NULL,
        created_by integer NULL REFERENCES staff(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT redemption_codes_gift_validity CHECK ((bucket = 'gift') = (gift_validity_days IS NOT NULL)),
        CONSTRAINT redemption_codes_redeemed CHECK (
          (status = 'REDEEMED') = (redeemed_by IS NOT NULL AND redeemed_at IS NOT NULL AND transaction_id IS NOT NULL)
        ),
        CONSTRAINT redemption_codes_voided CHECK ((status = 'VOIDED') = (voided_at IS NOT NULL AND void_reason IS NOT NULL))
      )`)
    this.schema.raw('CREATE UNIQUE INDEX redemption_codes_hash_unique ON redemption_codes (code_hash)')
    this.schema.raw('CREATE INDEX redemption_codes_batch_idx ON redemption_codes (batch_id, id)')
    this.schema.raw('CREATE INDEX redemption_codes_created_idx ON redemption_codes (created_at, id)')
    this.schema.raw('CREATE INDEX redemption_codes_status_idx ON redemption_codes (status, id)')
    this.schema.raw('CREATE INDEX redemption_codes_redeemed_by_idx ON redemption_codes (redeemed_by, id) WHERE redeemed_by IS NOT NULL')
    // what the expiry job scans every minute
    this.schema.raw(`CREATE INDEX redemption_codes_due_idx ON redemption_codes (expires_at) WHERE status = 'ACTIVE'`)
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS redemption_codes')
  }
}
