import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The portal speaks English and Simplified Chinese; a plan's name and description are written
 * by staff, so the catalog holds both languages. `name_zh` / `description_zh` are the zh-CN
 * texts (NULL: the portal falls back to the English ones). Versions record them like every
 * other plan field, so an order still shows the name it was bought under in either language.
 */
export default class extends BaseSchema {
  async up() {
    for (const table of ['plans', 'plan_versions']) {
      this.schema.raw(`ALTER TABLE ${table} ADD COLUMN name_zh varchar(120) NULL, ADD COLUMN description_zh text NULL`)
    }
  }

  async down() {
    for (const table of ['plan_versions', 'plans']) {
      this.schema.raw(`ALTER TABLE ${table} DROP COLUMN IF EXISTS name_zh, DROP COLUMN IF EXISTS description_zh`)
    }
  }
}
