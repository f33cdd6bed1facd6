/*
|--------------------------------------------------------------------------
| Web boot: migrate, seed, refuse unsafe production settings, say hello
|--------------------------------------------------------------------------
|
| Runs before the HTTP server listens (preload for the "web" environment).
*/
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import env from '#start/env'
import { DEV_SECRETS } from '../services/dev_defaults.js'
import { ensureDefaultRoles } from '#database/seeders/default_roles'
import { DEMO_STAFF, seedDemo } from '#database/seeders/demo'

if (app.inProduction) {
  const unsafe = ['APP_KEY', 'INTERNAL_SERVICE_TOKEN'].filter((key) => {
    const value = String(process.env[key] ?? '')
    return value === DEV_SECRETS[key] || value.length < 32
  })
  if (!process.env.CODE_HASH_KEY || process.env.CODE_HASH_KEY.length < 32) unsafe.push('CODE_HASH_KEY')
  if (unsafe.length) {
    throw new Error(`Refusing to start in production: set ${unsafe.join(', ')} to secret values of 32+ characters (not the development defaults).`)
  }
}

const migrator = new MigrationRunner(db, app, { direction: 'up' })
await migrator.run()
if (migrator.error) throw migrator.error

await ensureDefaultRoles(db.connection())

const seedWanted = !app.inProduction && env.get('SEED_DEMO', true) !== false
const staffCount = Number((await db.from('staff').count('* as n').first())?.n ?? 0)
let seeded = false
if (seedWanted && staffCount === 0) {
  await seedDemo(env.get('DEMO_PASSWORD')!)
  seeded = true
}
if (seedWanted) {
  const { ensureDemoPlans } = await import('#actions/plans/seed_plans')
  await ensureDemoPlans() // only when the catalog is empty
}

if (env.get('JOBS_ENABLED', true) !== false) {
  const { default: jobs } = await import('#services/jobs')
  await jobs.start(process.env.DATABASE_URL!)
  app.terminating(() => jobs.stop())
}

app.ready(() => {
  const port = env.get('PORT')
  const base = env.get('APP_URL') ?? `http://localhost:${port}`
  const lines = [
    '',
    `  Creditdesk is running${seeded ? ' (demo data created)' : ''}`,
    `  Console  ${base}/admin`,
    `  Portal   ${base}/`,
    `  API      ${base}/api`,
    `  Database ${process.env.DATABASE_URL?.includes('127.0.0.1') && !process.env.DATABASE_URL_FROM_USER ? 'embedded PostgreSQL (.data/pg)' : 'DATABASE_URL'}`,
  ]
  if (!app.inProduction) {
    lines.push('', `  Demo logins (password: ${env.get('DEMO_PASSWORD')})`)
    for (const staff of DEMO_STAFF) lines.push(`    ${staff.email.padEnd(24)} ${staff.role}`)
  }
  console.log(lines.join('\n') + '\n')
})
