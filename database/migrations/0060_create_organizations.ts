import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Organizations (issue 12 §1, PRD §3 机构用户 and §10 组织/团队).
 *
 * An organization is a customer row with `type = 'organization'`: it keeps its own wallet (ledger
 * accounts), keys, orders and bills, so everything that already works on a customer works on an
 * organization. Operations open organization access on a customer (`org_opened_at/by`); the person
 * who signs in with that customer's own credentials is the organization's first admin member.
 *
 * - organization_members: a customer (the person) in an organization with one role
 *   (admin / finance / developer / read_only) and an optional monthly spend cap on the keys
 *   assigned to them (ledger units). One active membership per person and organization.
 * - organization_invitations: invite by email with a role; the link's token is stored as a SHA-256
 *   hash, expires, and is accepted once (status).
 * - org_kyc_reviews: manual KYC (机构认证): the documents submitted (stored files), who reviewed,
 *   the decision and its reason. The customer's `verification_status` follows the latest decision.
 * - api_keys.member_id: the member a key of an organization is assigned to (member caps and the
 *   per-member usage drill-down read it).
 * - customers: billing settings of a postpaid organization (bills, issue 12 §3) and the overdue
 *   suspension that verify refuses while it stands.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE customers
        ADD COLUMN org_name varchar(160) NULL,
        ADD COLUMN org_address text NULL,
        ADD COLUMN org_opened_at timestamptz NULL,
        ADD COLUMN org_opened_by bigint NULL REFERENCES staff(id),
        ADD COLUMN billing_mode varchar(10) NOT NULL DEFAULT 'prepaid' CHECK (billing_mode IN ('prepaid', 'postpaid')),
        ADD COLUMN bill_cycle varchar(10) NOT NULL DEFAULT 'monthly' CHECK (bill_cycle IN ('monthly', 'custom')),
        ADD COLUMN bill_cycle_days integer NULL CHECK (bill_cycle_days BETWEEN 1 AND 366),
        ADD COLUMN bill_anchor date NULL,
        ADD COLUMN payment_terms_days integer NOT NULL DEFAULT 15 CHECK (payment_terms_days BETWEEN 0 AND 365),
        ADD COLUMN overdue_suspend_days integer NOT NULL DEFAULT 7 CHECK (overdue_suspend_days BETWEEN 0 AND 365),
        ADD COLUMN tax_rate numeric(7,4) NOT NULL DEFAULT 0 CHECK (tax_rate >= 0 AND tax_rate < 100),
        ADD COLUMN bill_discount_rate numeric(7,4) NOT NULL DEFAULT 0 CHECK (bill_discount_rate >= 0 AND bill_discount_rate < 100),
        ADD COLUMN billing_suspended_at timestamptz NULL,
        ADD COLUMN billing_suspended_reason text NULL,
        ADD CONSTRAINT customers_custom_cycle CHECK (bill_cycle = 'monthly' OR (bill_cycle_days IS NOT NULL AND bill_anchor IS NOT NULL)),
        ADD CONSTRAINT customers_org_opened CHECK (type = 'individual' OR org_opened_at IS NOT NULL OR org_opened_by IS NULL)`)
    this.schema.raw(`CREATE INDEX customers_billing_mode_idx ON customers (billing_mode, id) WHERE type = 'organization'`)

    this.schema.raw(`
      CREATE TABLE organization_members (
        id bigserial PRIMARY KEY,
        org_id bigint NOT NULL REFERENCES customers(id),
        customer_id bigint NOT NULL REFERENCES customers(id),
        role varchar(12) NOT NULL CHECK (role IN ('admin', 'finance', 'developer', 'read_only')),
        status varchar(10) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed')),
        monthly_spend_cap bigint NULL CHECK (monthly_spend_cap >= 0),
        invitation_id bigint NULL,
        added_by_staff_id bigint NULL REFERENCES staff(id),
        added_by_customer_id bigint NULL REFERENCES customers(id),
        joined_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz NULL,
        removed_reason text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organization_members_removed CHECK ((status = 'removed') = (removed_at IS NOT NULL))
      )`)
    this.schema.raw(`CREATE UNIQUE INDEX organization_members_active ON organization_members (org_id, customer_id) WHERE status = 'active'`)
    this.schema.raw(`CREATE INDEX organization_members_customer_idx ON organization_members (customer_id, org_id)`)
    this.schema.raw(`CREATE INDEX organization_members_org_idx ON organization_members (org_id, id)`)

    this.schema.raw(`
      CREATE TABLE organization_invitations (
        id bigserial PRIMARY KEY,
        org_id bigint NOT NULL REFERENCES customers(id),
        email varchar(254) NOT NULL,
        role varchar(12) NOT NULL CHECK (role IN ('admin', 'finance', 'developer', 'read_only')),
        token_hash char(64) NOT NULL UNIQUE,
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'revoked', 'expired')),
        expires_at timestamptz NOT NULL,
        invited_by_staff_id bigint NULL REFERENCES staff(id),
        invited_by_customer_id bigint NULL REFERENCES customers(id),
        accepted_by bigint NULL REFERENCES customers(id),
        accepted_at timestamptz NULL,
        revoked_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organization_invitations_accepted CHECK ((status = 'accepted') = (accepted_at IS NOT NULL AND accepted_by IS NOT NULL))
      )`)
    this.schema.raw(`CREATE INDEX organization_invitations_org_idx ON organization_invitations (org_id, id)`)
    this.schema.raw(`CREATE UNIQUE INDEX organization_invitations_pending ON organization_invitations (org_id, lower(email)) WHERE status = 'pending'`)
    this.schema.raw(`ALTER TABLE organization_members ADD CONSTRAINT organization_members_invitation FOREIGN KEY (invitation_id) REFERENCES organization_invitations(id)`)

    this.schema.raw(`
      CREATE TABLE org_kyc_reviews (
        id bigserial PRIMARY KEY,
        org_id bigint NOT NULL REFERENCES customers(id),
        legal_name varchar(200) NOT NULL,
        registration_number varchar(64) NULL,
        document_file_ids bigint[] NOT NULL DEFAULT '{}',
        note text NULL,
        submitted_by_staff_id bigint NULL REFERENCES staff(id),
        submitted_by_customer_id bigint NULL REFERENCES customers(id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        reviewer_id bigint NULL REFERENCES staff(id),
        decided_at timestamptz NULL,
        decision_reason text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT org_kyc_reviews_decided CHECK ((status = 'pending') = (decided_at IS NULL)),
        CONSTRAINT org_kyc_reviews_reason CHECK (status <> 'rejected' OR decision_reason IS NOT NULL)
      )`)
    this.schema.raw(`CREATE INDEX org_kyc_reviews_org_idx ON org_kyc_reviews (org_id, id)`)
    this.schema.raw(`CREATE INDEX org_kyc_reviews_status_idx ON org_kyc_reviews (status, id)`)

    this.schema.raw(`ALTER TABLE api_keys ADD COLUMN member_id bigint NULL REFERENCES customers(id)`)
    this.schema.raw(`CREATE INDEX api_keys_member_idx ON api_keys (member_id, id) WHERE member_id IS NOT NULL`)

    // verify caches each account with its members' caps and month spend (services/api_keys/verify_cache.ts):
    // a membership that changes, or a key given to another member, refreshes the organization's entry
    this.schema.raw(`
      CREATE FUNCTION org_cache_notify() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        row_data record;
      BEGIN
        IF TG_OP = 'DELETE' THEN row_data := OLD; ELSE row_data := NEW; END IF;
        IF TG_TABLE_NAME = 'organization_members' THEN
          PERFORM pg_notify('creditdesk_cache', 'customer:' || row_data.org_id);
        ELSE
          PERFORM pg_notify('creditdesk_cache', 'customer:' || row_data.customer_id);
        END IF;
        RETURN NULL;
      END;
      $$`)
    this.schema.raw('CREATE TRIGGER organization_members_cache_notify AFTER INSERT OR UPDATE OR DELETE ON organization_members FOR EACH ROW EXECUTE FUNCTION org_cache_notify()')
    this.schema.raw(`CREATE TRIGGER api_keys_member_cache_notify AFTER UPDATE OF member_id ON api_keys
      FOR EACH ROW WHEN (OLD.member_id IS DISTINCT FROM NEW.member_id) EXECUTE FUNCTION org_cache_notify()`)

    // the console's organizations list: customers that are organizations (a plain view, read-only); an
    // organization opened before it had a name is named by its nickname, else its id (never its masked email)
    this.schema.raw(`
      CREATE VIEW organizations AS
        SELECT id, email, nickname, coalesce(org_name, nickname, '#' || id)::varchar(254) AS org_name, org_type, org_address, verification_status, tier, frozen, tags, remark,
               billing_mode, bill_cycle, bill_cycle_days, bill_anchor, payment_terms_days, overdue_suspend_days, tax_rate,
               bill_discount_rate, billing_suspended_at, billing_suspended_reason, org_opened_at, org_opened_by, created_at, last_login_at
          FROM customers
         WHERE type = 'organization'`)
  }

  async down() {
    this.schema.raw('DROP VIEW organizations')
    this.schema.raw('DROP TRIGGER api_keys_member_cache_notify ON api_keys')
    this.schema.raw('DROP TRIGGER organization_members_cache_notify ON organization_members')
    this.schema.raw('DROP FUNCTION org_cache_notify()')
    this.schema.raw('ALTER TABLE api_keys DROP COLUMN member_id')
    this.schema.raw('DROP TABLE org_kyc_reviews')
    this.schema.raw('ALTER TABLE organization_members DROP CONSTRAINT organization_members_invitation')
    this.schema.raw('DROP TABLE organization_invitations')
    this.schema.raw('DROP TABLE organization_members')
    this.schema.raw(`ALTER TABLE customers DROP CONSTRAINT customers_custom_cycle, DROP CONSTRAINT customers_org_opened,
      DROP COLUMN org_name, DROP COLUMN org_address, DROP COLUMN org_opened_at, DROP COLUMN org_opened_by, DROP COLUMN billing_mode,
      DROP COLUMN bill_cycle, DROP COLUMN bill_cycle_days, DROP COLUMN bill_anchor, DROP COLUMN payment_terms_days,
      DROP COLUMN overdue_suspend_days, DROP COLUMN tax_rate, DROP COLUMN bill_discount_rate, DROP COLUMN billing_suspended_at,
      DROP COLUMN billing_suspended_reason`)
  }
}
