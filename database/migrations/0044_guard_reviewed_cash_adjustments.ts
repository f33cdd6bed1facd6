import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A cash adjustment's money facts never change, and a reviewed one not at all: the customer,
 * direction, amount, currency, reason, reference and requester are what the checker approved, so no
 * UPDATE may alter them; once APPROVED or REJECTED the row is final (a correction is a new
 * adjustment). Enforced by the owner's trigger, which the app role cannot disable.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE FUNCTION cash_adjustments_guard() RETURNS trigger AS $$
      BEGIN
        IF OLD.status <> 'PENDING' THEN
          RAISE EXCEPTION 'cash adjustment % is % and can no longer change', OLD.id, lower(OLD.status) USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.customer_id, NEW.direction, NEW.amount, NEW.currency, NEW.reason, NEW.reference, NEW.requested_by, NEW.requested_at)
           IS DISTINCT FROM (OLD.customer_id, OLD.direction, OLD.amount, OLD.currency, OLD.reason, OLD.reference, OLD.requested_by, OLD.requested_at) THEN
          RAISE EXCEPTION 'what cash adjustment % asks for cannot change once requested', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END;
      $$ LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp`)
    this.schema.raw(`CREATE TRIGGER cash_adjustments_guard BEFORE UPDATE ON cash_adjustments FOR EACH ROW EXECUTE FUNCTION cash_adjustments_guard()`)
  }

  async down() {
    this.schema.raw('DROP TRIGGER IF EXISTS cash_adjustments_guard ON cash_adjustments')
    this.schema.raw('DROP FUNCTION IF EXISTS cash_adjustments_guard()')
  }
}
