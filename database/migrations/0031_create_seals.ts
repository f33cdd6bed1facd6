import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Tamper evidence: audit rows and ledger transactions are sealed into keyed hash chains by a
 * background sealer (backend/services/seal). The key never reaches the database, so a role that
 * can rewrite rows (the owner, a DBA) cannot re-seal them: `ace audit:verify` finds the change.
 *
 * - xact_id: the inserting transaction's id. The sealer only looks at rows whose transaction was
 *   still running at its previous pass, so a row that commits late is found and sealed later in
 *   the chain instead of being skipped.
 * - audit_seals / ledger_seals: one row per sealed row, in chain order (seq). Insert-only for the
 *   app; a seal is deleted only under a prune checkpoint.
 * - seal_checkpoints: left by pruning, signed by the prune command with the seal key: the chain
 *   resumes after `seq` from `mac`, and rows sealed up to `head` and older than `cutoff` may be gone.
 * - audit_prune_plan() / prune_audit_logs(): the maintenance role's only door (SECURITY DEFINER,
 *   minimum retention enforced, serialised with the sealer by an advisory lock).
 */
const AUDIT_LOCK = 7261001

export default class extends BaseSchema {
  async up() {
    for (const table of ['audit_logs', 'ledger_transactions']) {
      this.schema.raw(`ALTER TABLE ${table} ADD COLUMN xact_id bigint NOT NULL DEFAULT 0`)
      this.schema.raw(`ALTER TABLE ${table} ALTER COLUMN xact_id SET DEFAULT (pg_current_xact_id()::text::bigint)`)
      this.schema.raw(`CREATE INDEX ${table}_xact_idx ON ${table} (xact_id)`)
    }

    this.schema.raw(`
      CREATE TABLE seal_checkpoints (
        id bigserial PRIMARY KEY,
        chain varchar(16) NOT NULL,
        seq bigint NOT NULL,
        mac char(64) NOT NULL,
        head bigint NOT NULL,
        cutoff timestamptz NOT NULL,
        removed bigint NOT NULL,
        signature char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw('CREATE INDEX seal_checkpoints_chain_idx ON seal_checkpoints (chain, seq)')

    this.schema.raw(`
      CREATE FUNCTION seals_refuse_change() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM public.seal_checkpoints c WHERE c.chain = TG_ARGV[0] AND c.seq >= OLD.seq) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$`)
    for (const [table, chain] of [['audit_seals', 'audit'], ['ledger_seals', 'ledger']]) {
      this.schema.raw(`
        CREATE TABLE ${table} (
          seq bigint PRIMARY KEY,
          row_id bigint NOT NULL UNIQUE,
          row_time timestamptz NOT NULL,
          digest char(64) NOT NULL,
          prev_mac char(64) NOT NULL,
          mac char(64) NOT NULL,
          horizon bigint NOT NULL,
          sealed_at timestamptz NOT NULL DEFAULT now()
        )`)
      this.schema.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION seals_refuse_change('${chain}')`)
      this.schema.raw(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION seals_refuse_change('${chain}')`)
    }
    this.schema.raw(`CREATE TRIGGER seal_checkpoints_append_only BEFORE UPDATE OR DELETE ON seal_checkpoints FOR EACH ROW EXECUTE FUNCTION seals_refuse_change('none')`)
    this.schema.raw(`CREATE TRIGGER seal_checkpoints_no_truncate BEFORE TRUNCATE ON seal_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION seals_refuse_change('none')`)

    this.schema.raw(`
      CREATE FUNCTION audit_check_retention(cutoff timestamptz) RETURNS void
      LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE minimum interval := public.audit_minimum_retention();
      BEGIN
        IF cutoff IS NULL OR cutoff > now() - minimum THEN
          RAISE EXCEPTION 'audit rows are kept at least % days: cutoff % is refused', extract(day FROM minimum), cutoff
            USING ERRCODE = 'insufficient_privilege';
        END IF;
      END;
      $$`)

    // Where a prune with this cutoff would leave the chain: the last seal it removes, the head.
    this.schema.raw(`
      CREATE FUNCTION audit_prune_plan(cutoff timestamptz)
      RETURNS TABLE (seq bigint, mac text, head bigint, cutoff_text text)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        start_seq bigint;
        start_mac text;
        last_seq bigint;
        first_kept bigint;
        plan_seq bigint;
        plan_mac text;
      BEGIN
        PERFORM public.audit_check_retention(cutoff);
        PERFORM pg_advisory_xact_lock(${AUDIT_LOCK});
        SELECT c.seq, c.mac INTO start_seq, start_mac FROM public.seal_checkpoints c WHERE c.chain = 'audit' ORDER BY c.seq DESC, c.id DESC LIMIT 1;
        start_seq := coalesce(start_seq, 0);
        start_mac := coalesce(start_mac, repeat('0', 64));
        SELECT coalesce(max(s.seq), start_seq) INTO last_seq FROM public.audit_seals s;
        SELECT min(s.seq) INTO first_kept FROM public.audit_seals s WHERE s.seq > start_seq AND s.row_time >= cutoff;
        plan_seq := coalesce(first_kept - 1, last_seq);
        IF plan_seq > start_seq THEN
          SELECT s.mac INTO plan_mac FROM public.audit_seals s WHERE s.seq = plan_seq;
        ELSE
          plan_seq := start_seq;
          plan_mac := start_mac;
        END IF;
        RETURN QUERY SELECT plan_seq, plan_mac, last_seq, to_char(cutoff AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US');
      END;
      $$`)

    this.schema.raw('DROP FUNCTION IF EXISTS prune_audit_logs(timestamptz)')
    this.schema.raw(`
      CREATE FUNCTION prune_audit_logs(cutoff timestamptz, checkpoint_seq bigint DEFAULT NULL, checkpoint_mac text DEFAULT NULL, checkpoint_head bigint DEFAULT NULL, signature text DEFAULT NULL)
      RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        plan record;
        removed bigint;
      BEGIN
        PERFORM public.audit_check_retention(cutoff);
        SELECT * INTO plan FROM public.audit_prune_plan(cutoff);
        IF signature IS NULL OR checkpoint_seq IS DISTINCT FROM plan.seq OR checkpoint_mac IS DISTINCT FROM plan.mac OR checkpoint_head IS DISTINCT FROM plan.head THEN
          RAISE EXCEPTION 'pruning needs a signed checkpoint for the current chain (seq %, head %): plan again', plan.seq, plan.head
            USING ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
        DELETE FROM public.audit_logs a USING public.audit_seals s
         WHERE s.row_id = a.id AND s.seq <= plan.head AND a.occurred_at < cutoff;
        GET DIAGNOSTICS removed = ROW_COUNT;
        INSERT INTO public.seal_checkpoints (chain, seq, mac, head, cutoff, removed, signature)
        VALUES ('audit', plan.seq, plan.mac, plan.head, cutoff, removed, signature);
        DELETE FROM public.audit_seals s WHERE s.seq <= plan.seq;
        INSERT INTO public.audit_logs (actor_type, actor_label, action, resource, metadata)
        VALUES ('system', session_user, 'audit.prune', 'audit-logs',
                jsonb_build_object('cutoff', cutoff, 'removed', removed, 'checkpoint_seq', plan.seq, 'head', plan.head));
        RETURN removed;
      END;
      $$`)
    this.schema.raw('REVOKE ALL ON FUNCTION prune_audit_logs(timestamptz, bigint, text, bigint, text) FROM PUBLIC')
    this.schema.raw('REVOKE ALL ON FUNCTION audit_prune_plan(timestamptz) FROM PUBLIC')
  }

  async down() {
    this.schema.raw('DROP FUNCTION IF EXISTS prune_audit_logs(timestamptz, bigint, text, bigint, text)')
    this.schema.raw('DROP FUNCTION IF EXISTS audit_prune_plan(timestamptz)')
    this.schema.raw('DROP FUNCTION IF EXISTS audit_check_retention(timestamptz)')
    this.schema.raw('DROP TABLE IF EXISTS audit_seals')
    this.schema.raw('DROP TABLE IF EXISTS ledger_seals')
    this.schema.raw('DROP TABLE IF EXISTS seal_checkpoints')
    this.schema.raw('DROP FUNCTION IF EXISTS seals_refuse_change()')
    for (const table of ['audit_logs', 'ledger_transactions']) {
      this.schema.raw(`DROP INDEX IF EXISTS ${table}_xact_idx`)
      this.schema.raw(`ALTER TABLE ${table} DROP COLUMN IF EXISTS xact_id`)
    }
    // back to the one-argument prune of 0030
    this.schema.raw(`
      CREATE FUNCTION prune_audit_logs(cutoff timestamptz) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE removed bigint; minimum interval := public.audit_minimum_retention();
      BEGIN
        IF cutoff IS NULL OR cutoff > now() - minimum THEN
          RAISE EXCEPTION 'audit rows are kept at least % days: cutoff % is refused', extract(day FROM minimum), cutoff USING ERRCODE = 'insufficient_privilege';
        END IF;
        DELETE FROM public.audit_logs WHERE occurred_at < cutoff;
        GET DIAGNOSTICS removed = ROW_COUNT;
        RETURN removed;
      END;
      $$`)
    this.schema.raw('REVOKE ALL ON FUNCTION prune_audit_logs(timestamptz) FROM PUBLIC')
  }
}
