import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Which default grants have been applied to the built-in roles. A default added by a later
 * release reaches existing databases once; a grant a super_admin removed stays removed.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('applied_permission_defaults', (table) => {
      table.string('role_name', 64).notNullable()
      table.string('resource', 64).notNullable()
      table.string('action', 64).notNullable()
      table.primary(['role_name', 'resource', 'action'])
    })
  }

  async down() {
    this.schema.dropTable('applied_permission_defaults')
  }
}
