import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A customer's sign-in sessions as the console lists them on the customer page: only customer
 * rows of auth_sessions (a staff session with the same subject id never shows), without the
 * server-side session key, and with an active/ended status to filter on. A plain view, so row
 * locks and the app role's grants pass through to auth_sessions; ending a session writes
 * auth_sessions itself, never the view.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE VIEW customer_sessions AS
        SELECT id, subject_id AS customer_id, ip, user_agent, created_at, last_seen_at, revoked_at, revoked_reason,
               CASE WHEN revoked_at IS NULL THEN 'active' ELSE 'ended' END AS status
          FROM auth_sessions
         WHERE subject_type = 'customer'`)
  }

  async down() {
    this.schema.raw('DROP VIEW customer_sessions')
  }
}
