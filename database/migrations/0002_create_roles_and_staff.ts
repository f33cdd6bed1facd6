import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Roles, the permission matrix (one row per granted resource × action) and staff.
 * A staff member has exactly one role.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('roles', (table) => {
      table.increments('id')
      table.string('name', 64).notNullable().unique()
      table.string('label', 120).notNullable()
      table.text('description').nullable()
      table.boolean('is_system').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })

    this.schema.createTable('role_permissions', (table) => {
      table.increments('id')
      table.integer('role_id').notNullable().references('roles.id').onDelete('CASCADE')
      table.string('resource', 64).notNullable()
      table.string('action', 64).notNullable()
      table.unique(['role_id', 'resource', 'action'])
    })

    this.schema.createTable('staff', (table) => {
      table.increments('id')
      table.string('email', 254).notNullable()
      table.string('name', 120).notNullable()
      table.string('password').notNullable()
      table.integer('role_id').notNullable().references('roles.id').onDelete('RESTRICT')
      table.string('status', 16).notNullable().defaultTo('active')
      table.text('frozen_reason').nullable()
      table.timestamp('frozen_at', { useTz: true }).nullable()
      table.string('locale', 8).notNullable().defaultTo('en')
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['role_id'])
    })
    this.schema.raw('CREATE UNIQUE INDEX staff_email_unique ON staff (lower(email))')
    this.schema.raw(`ALTER TABLE staff ADD CONSTRAINT staff_status_check CHECK (status IN ('active', 'frozen'))`)
  }

  async down() {
    this.schema.dropTable('staff')
    this.schema.dropTable('role_permissions')
    this.schema.dropTable('roles')
  }
}
