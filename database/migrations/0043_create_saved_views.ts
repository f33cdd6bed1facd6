import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A staff member's saved list views: a name for a list's URL search string (filters, sort,
 * columns) on one resource. Personal, so not part of the role-permission matrix; a view goes
 * with its owner.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE saved_views (
        id bigserial PRIMARY KEY,
        staff_id integer NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
        resource varchar(64) NOT NULL,
        name varchar(80) NOT NULL,
        query text NOT NULL CHECK (length(query) <= 4000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT saved_views_owner_name_unique UNIQUE (staff_id, resource, name)
      )`)
  }

  async down() {
    this.schema.raw('DROP TABLE saved_views')
  }
}
