import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Customers (the portal's users, "users" in the console) per PRD §3.
 * Every declared filter and sort has an index; `contains` searches use trigram indexes so
 * they stay fast at millions of rows.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('customers', (table) => {
      table.bigIncrements('id')
      table.string('email', 254).notNullable()
      table.string('nickname', 80).nullable()
      table.string('phone', 32).nullable()
      table.string('password').notNullable()
      table.string('type', 16).notNullable().defaultTo('individual')
      table.string('org_type', 24).nullable()
      table.boolean('is_developer').notNullable().defaultTo(false)
      table.string('verification_status', 16).notNullable().defaultTo('unverified')
      table.string('tier', 16).notNullable().defaultTo('free')
      table.boolean('frozen').notNullable().defaultTo(false)
      table.text('frozen_reason').nullable()
      table.timestamp('frozen_at', { useTz: true }).nullable()
      table.text('remark').nullable()
      table.specificType('tags', 'text[]').notNullable().defaultTo('{}')
      table.string('password_reset_hash', 128).nullable()
      table.timestamp('password_reset_expires_at', { useTz: true }).nullable()
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw('CREATE UNIQUE INDEX customers_email_unique ON customers (lower(email))')
    this.schema.raw('CREATE UNIQUE INDEX customers_phone_unique ON customers (phone) WHERE phone IS NOT NULL')
    this.schema.raw(`ALTER TABLE customers ADD CONSTRAINT customers_type_check CHECK (type IN ('individual', 'organization'))`)
    this.schema.raw(
      `ALTER TABLE customers ADD CONSTRAINT customers_verification_check CHECK (verification_status IN ('unverified', 'pending', 'verified', 'rejected'))`
    )
    for (const column of ['created_at', 'last_login_at', 'type', 'verification_status', 'tier', 'frozen']) {
      this.schema.raw(`CREATE INDEX customers_${column}_idx ON customers (${column}, id)`)
    }
    this.schema.raw('CREATE INDEX customers_tags_idx ON customers USING gin (tags)')
    for (const column of ['email', 'nickname', 'phone']) {
      this.schema.raw(`CREATE INDEX customers_${column}_trgm_idx ON customers USING gin (${column} gin_trgm_ops)`)
    }
  }

  async down() {
    this.schema.dropTable('customers')
  }
}
