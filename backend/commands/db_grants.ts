import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { dbaScript, roleNamesFor } from '#services/database_roles'

/**
 * `npm run ace -- db:grants` prints the SQL a DBA runs once on an external PostgreSQL server:
 * the owner, app and maintenance roles and who owns the database. The application re-applies
 * the table grants itself, as the owner, after every migration run.
 */
export default class DbGrants extends BaseCommand {
  static commandName = 'db:grants'
  static description = 'Print the SQL that creates the database roles on an external server'
  static options: CommandOptions = { startApp: false }

  @flags.string({ description: 'Database name (default: from DATABASE_URL, else creditdesk)' })
  declare database?: string

  async run() {
    let name = this.database
    if (!name && process.env.DATABASE_URL) name = new URL(process.env.DATABASE_URL).pathname.slice(1)
    name ||= 'creditdesk'
    this.logger.log(dbaScript(name, roleNamesFor(name)))
  }
}
