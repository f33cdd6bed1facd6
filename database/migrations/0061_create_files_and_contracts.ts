import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Stored files and contracts (issue 12 §2, PRD §3.1 机构合同管理).
 *
 * - stored_files: every uploaded file (contract scans and versions, templates, KYC documents,
 *   invoice files), kept on the configured `@adonisjs/drive` disk under `key`; the bytes are never
 *   served directly, only through an authorised, audited, expiring download link. `sha256` and
 *   `size` are what was written; `purpose` says which kind of record owns it.
 * - contract_templates: typed (enterprise / developer organization) template files; every file a
 *   template has had is in contract_template_versions (version 1 as uploaded, then each
 *   replacement); delete is a soft delete (status).
 * - contracts: on an organization (customers.type = 'organization'), numbered, typed, started from
 *   a template or uploaded; status pending_signature → active → expired (the expiry job) or voided
 *   (reason). Online signing: the organization's admin accepts in the portal (name, time, IP);
 *   offline: staff upload the signed scan. Renew creates a new contract linked both ways.
 * - contract_versions: each file a contract has had, the current one included (version 1 the
 *   draft, then each replacement or signed scan), so replace keeps the previous one here. Its
 *   foreign key to contracts is deferred: version 1 is written under the contract's pre-allocated
 *   id before the contract row (as plan versions are). A file is in one contract's history only,
 *   and in one template's only (unique file ids).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE stored_files (
        id bigserial PRIMARY KEY,
        disk varchar(20) NOT NULL,
        key varchar(400) NOT NULL UNIQUE,
        purpose varchar(24) NOT NULL CHECK (purpose IN ('contract', 'contract_template', 'kyc_document', 'invoice')),
        original_name varchar(255) NOT NULL,
        mime_type varchar(100) NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        sha256 char(64) NOT NULL,
        uploaded_by_staff_id bigint NULL REFERENCES staff(id),
        uploaded_by_customer_id bigint NULL REFERENCES customers(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw(`CREATE INDEX stored_files_purpose_idx ON stored_files (purpose, id)`)

    this.schema.raw(`
      CREATE TABLE contract_templates (
        id bigserial PRIMARY KEY,
        name varchar(160) NOT NULL,
        type varchar(12) NOT NULL CHECK (type IN ('enterprise', 'dev_org')),
        description text NULL,
        file_id bigint NOT NULL REFERENCES stored_files(id),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        status varchar(10) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
        created_by bigint NULL REFERENCES staff(id),
        deleted_by bigint NULL REFERENCES staff(id),
        deleted_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contract_templates_deleted CHECK ((status = 'deleted') = (deleted_at IS NOT NULL))
      )`)
    this.schema.raw(`CREATE INDEX contract_templates_type_idx ON contract_templates (type, status, id)`)
    this.schema.raw(`
      CREATE TABLE contract_template_versions (
        id bigserial PRIMARY KEY,
        template_id bigint NOT NULL REFERENCES contract_templates(id) DEFERRABLE INITIALLY DEFERRED,
        version integer NOT NULL,
        file_id bigint NOT NULL UNIQUE REFERENCES stored_files(id),
        reason text NULL,
        created_by bigint NULL REFERENCES staff(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (template_id, version)
      )`)

    this.schema.raw('CREATE SEQUENCE contract_number_seq')
    this.schema.raw(`
      CREATE TABLE contracts (
        id bigserial PRIMARY KEY,
        number varchar(32) NOT NULL UNIQUE
          DEFAULT ('CT' || to_char(now() AT TIME ZONE 'UTC', 'YYYYMM') || '-' || lpad(nextval('contract_number_seq')::text, 6, '0')),
        org_id bigint NOT NULL REFERENCES customers(id),
        type varchar(12) NOT NULL CHECK (type IN ('enterprise', 'dev_org')),
        title varchar(200) NOT NULL,
        template_id bigint NULL REFERENCES contract_templates(id),
        file_id bigint NOT NULL REFERENCES stored_files(id),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        status varchar(20) NOT NULL DEFAULT 'pending_signature'
          CHECK (status IN ('pending_signature', 'active', 'expired', 'voided')),
        signing_method varchar(10) NOT NULL CHECK (signing_method IN ('online', 'offline')),
        starts_on date NOT NULL,
        expires_on date NOT NULL,
        signed_at timestamptz NULL,
        signed_by_name varchar(120) NULL,
        signed_by_customer_id bigint NULL REFERENCES customers(id),
        signed_ip inet NULL,
        signed_by_staff_id bigint NULL REFERENCES staff(id),
        voided_at timestamptz NULL,
        voided_by bigint NULL REFERENCES staff(id),
        void_reason text NULL,
        expired_at timestamptz NULL,
        renewed_from_id bigint NULL REFERENCES contracts(id),
        renewed_to_id bigint NULL REFERENCES contracts(id),
        remark text NULL,
        created_by bigint NULL REFERENCES staff(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contracts_dates CHECK (expires_on > starts_on),
        CONSTRAINT contracts_signed CHECK (status IN ('pending_signature', 'voided') OR signed_at IS NOT NULL),
        CONSTRAINT contracts_voided CHECK ((status = 'voided') = (voided_at IS NOT NULL AND void_reason IS NOT NULL))
      )`)
    this.schema.raw(`CREATE INDEX contracts_org_idx ON contracts (org_id, id)`)
    this.schema.raw(`CREATE INDEX contracts_status_expiry_idx ON contracts (status, expires_on, id)`)
    this.schema.raw(`
      CREATE TABLE contract_versions (
        id bigserial PRIMARY KEY,
        contract_id bigint NOT NULL REFERENCES contracts(id) DEFERRABLE INITIALLY DEFERRED,
        version integer NOT NULL,
        file_id bigint NOT NULL UNIQUE REFERENCES stored_files(id),
        kind varchar(16) NOT NULL CHECK (kind IN ('draft', 'signed_scan', 'replacement')),
        reason text NULL,
        created_by_staff_id bigint NULL REFERENCES staff(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (contract_id, version)
      )`)
  }

  async down() {
    this.schema.raw('DROP TABLE contract_versions')
    this.schema.raw('DROP TABLE contracts')
    this.schema.raw('DROP SEQUENCE contract_number_seq')
    this.schema.raw('DROP TABLE contract_template_versions')
    this.schema.raw('DROP TABLE contract_templates')
    this.schema.raw('DROP TABLE stored_files')
  }
}
