import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per signed-in browser, for either identity. It lets a customer list and end
 * their sessions and lets a freeze or a password change end every session at once: the
 * auth middleware refuses a session whose row is revoked.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('auth_sessions', (table) => {
      table.uuid('id').primary()
      table.string('subject_type', 16).notNullable()
      table.bigInteger('subject_id').notNullable()
      table.string('session_id', 128).notNullable()
      table.string('ip', 64).nullable()
      table.string('user_agent', 512).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.string('revoked_reason', 64).nullable()
      table.index(['subject_type', 'subject_id'])
    })
  }

  async down() {
    this.schema.dropTable('auth_sessions')
  }
}
