/**
 * Brings the database to the code's version before anything serves: migrations and the job
 * queue's schema as the owner, then the grants of the app and maintenance roles (re-applied
 * every time, so tables a new migration adds get the app's DML at once).
 */
import type { ApplicationService } from '@adonisjs/core/types'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import { applyGrants, userOf } from './database_roles.js'

export const DEFAULT_RETENTION_DAYS = 400

export async function migrateAsOwner(app: ApplicationService) {
  const migrator = new MigrationRunner(db, app, { direction: 'up', connectionName: 'owner' })
  await migrator.run()
  if (migrator.error) throw migrator.error
}

/** The roles the grants go to, read from the connection URLs. */
export function grantees() {
  const owner = userOf(process.env.DATABASE_URL!)
  const app = userOf(process.env.DATABASE_APP_URL ?? process.env.DATABASE_URL!)
  const maintenance = process.env.DATABASE_MAINTENANCE_URL ? userOf(process.env.DATABASE_MAINTENANCE_URL) : null
  return { owner, app, maintenance }
}

export async function grantRoles() {
  const roles = grantees()
  if (roles.app === roles.owner) {
    // revoking from the owner would only take its own rights away; nothing is protected this way
    logger.warn('DATABASE_APP_URL uses the owner role: the application runs with the owner\'s rights')
    return
  }
  const retention = Number(process.env.AUDIT_RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS)
  await applyGrants(db.connection('owner') as any, roles, Number.isFinite(retention) ? retention : DEFAULT_RETENTION_DAYS)
}

export async function prepareDatabase(app: ApplicationService, options: { jobs?: boolean } = {}) {
  await migrateAsOwner(app)
  if (options.jobs) {
    const { default: jobs } = await import('#services/jobs')
    await jobs.installSchema(process.env.DATABASE_URL!)
  }
  await grantRoles()
}
