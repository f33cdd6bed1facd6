import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The audit trail. Rows are written in the same transaction as the change they describe.
 * A trigger refuses UPDATE and DELETE; the only deletion is retention pruning, done through
 * prune_audit_logs(), which sets a transaction-local flag the trigger honours and which
 * leaves an audit row of its own.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('audit_logs', (table) => {
      table.bigIncrements('id')
      table.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.string('actor_type', 16).notNullable()
      table.bigInteger('actor_id').nullable()
      table.string('actor_label', 254).nullable()
      table.string('actor_role', 64).nullable()
      table.string('action', 64).notNullable()
      table.string('resource', 64).nullable()
      table.string('record_id', 64).nullable()
      table.jsonb('changes').nullable()
      table.jsonb('metadata').nullable()
      table.text('reason').nullable()
      table.string('ip', 64).nullable()
      table.string('user_agent', 512).nullable()
      table.string('request_id', 128).nullable()
    })
    this.schema.raw('CREATE INDEX audit_logs_occurred_idx ON audit_logs (occurred_at, id)')
    this.schema.raw('CREATE INDEX audit_logs_record_idx ON audit_logs (resource, record_id, id)')
    this.schema.raw('CREATE INDEX audit_logs_actor_idx ON audit_logs (actor_type, actor_id, id)')
    this.schema.raw('CREATE INDEX audit_logs_action_idx ON audit_logs (action, id)')

    this.schema.raw(`
      CREATE FUNCTION audit_logs_refuse_change() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('creditdesk.audit_prune', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_logs rows are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$ LANGUAGE plpgsql`)
    this.schema.raw(`
      CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
      FOR EACH ROW EXECUTE FUNCTION audit_logs_refuse_change()`)
    this.schema.raw(`
      CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
      FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_refuse_change()`)
    this.schema.raw(`
      CREATE FUNCTION prune_audit_logs(cutoff timestamptz) RETURNS bigint AS $$
      DECLARE removed bigint;
      BEGIN
        PERFORM set_config('creditdesk.audit_prune', 'on', true);
        DELETE FROM audit_logs WHERE occurred_at < cutoff;
        GET DIAGNOSTICS removed = ROW_COUNT;
        PERFORM set_config('creditdesk.audit_prune', 'off', true);
        RETURN removed;
      END;
      $$ LANGUAGE plpgsql`)
  }

  async down() {
    this.schema.raw('DROP TRIGGER IF EXISTS audit_logs_no_truncate ON audit_logs')
    this.schema.raw('DROP TRIGGER IF EXISTS audit_logs_append_only ON audit_logs')
    this.schema.dropTable('audit_logs')
    this.schema.raw('DROP FUNCTION IF EXISTS prune_audit_logs(timestamptz)')
    this.schema.raw('DROP FUNCTION IF EXISTS audit_logs_refuse_change()')
  }
}
