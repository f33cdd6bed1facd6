import { BaseCommand, args } from '@adonisjs/core/ace'
import { transaction } from '#services/transaction'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import hash from '@adonisjs/core/services/hash'
import audit, { SYSTEM_ACTOR } from '#services/audit'
import { ensureDefaultRoles } from '#database/seeders/default_roles'
import { firstFailedRule } from '#contract/password'

/**
 * `npm run ace -- staff:create-admin you@company.com` creates the first super_admin of a
 * production database (which is never seeded with demo accounts). The password is asked
 * for interactively, or read from CREDITDESK_ADMIN_PASSWORD.
 */
export default class StaffCreateAdmin extends BaseCommand {
  static commandName = 'staff:create-admin'
  static description = 'Create a super_admin staff account'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Email of the new super_admin' })
  declare email: string

  async run() {
    const email = this.email.trim().toLowerCase()
    const password = process.env.CREDITDESK_ADMIN_PASSWORD ?? (await this.prompt.secure('Password (10+ characters, a letter and a digit)'))
    if (!password || firstFailedRule(password, email) !== null) {
      this.logger.error('The password needs 10 to 128 characters with a letter and a digit, and must not be the email')
      this.exitCode = 1
      return
    }
    await transaction(async (trx) => {
      await ensureDefaultRoles(trx)
      const role = await trx.from('roles').where('name', 'super_admin').first()
      const [row] = await trx
        .insertQuery()
        .table('staff')
        .insert({ email, name: email.split('@')[0], password: await hash.make(password), role_id: role.id })
        .returning(['id'])
      await audit.record(trx, { action: 'create', resource: 'staff', recordId: row.id, after: { email, role_id: role.id } }, SYSTEM_ACTOR, {
        ip: null,
        userAgent: null,
        requestId: null,
      })
    })
    this.logger.success(`super_admin ${email} created`)
  }
}
