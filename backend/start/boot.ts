/*
|--------------------------------------------------------------------------
| Web boot: migrate (as the owner role), grant, seed, start background work, say hello
|--------------------------------------------------------------------------
|
| Runs before the HTTP server listens (preload for the "web" environment).
*/
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { ensureDefaultRoles } from '#database/seeders/default_roles'
import { DEMO_STAFF, seedDemo } from '#database/seeders/demo'
import { demoUsageBanner } from '#database/seeders/demo_usage'
import { demoOrgBanner } from '#database/seeders/demo_orgs'
import { DEV_SECRETS } from '#services/dev_defaults'
import { prepareDatabase } from '../services/database_setup.js'

// unsafe production settings were refused before any connection (backend/start/database.ts)
const jobsEnabled = env.get('JOBS_ENABLED', true) !== false
await prepareDatabase(app, { jobs: jobsEnabled })

await ensureDefaultRoles(db.connection())

const seedWanted = !app.inProduction && env.get('SEED_DEMO', true) !== false
const staffCount = Number((await db.from('staff').count('* as n').first())?.n ?? 0)
let seeded = false
if (seedWanted && staffCount === 0) {
  await seedDemo(env.get('DEMO_PASSWORD')!)
  seeded = true
  // the planner learns the new rows' counts now rather than at autovacuum's next pass (lists show its
  // estimate above 10,000 rows); ANALYZE needs the tables' owner
  await (db.manager.has('owner') ? db.connection('owner') : db.connection()).rawQuery('ANALYZE')
}
if (seedWanted) {
  const { ensureDemoPlans } = await import('#services/plans/demo_plans')
  await ensureDemoPlans() // only when the catalog is empty
}

// the tiers' names and colours as the console's enum options (services/tiers/options.ts)
await (await import('#services/tiers/options')).refreshTierOptions()
if (jobsEnabled) {
  const { default: jobs } = await import('#services/jobs')
  await jobs.start(process.env.DATABASE_APP_URL!)
  app.terminating(() => jobs.stop())
}

// seals committed audit rows and ledger transactions into their chains every 2 s (one instance at a time)
{
  const { default: sealer } = await import('#services/seal/sealer')
  sealer.start(2000)
  app.terminating(() => sealer.stop())
}

// a demo customer's API key and how a gateway verifies it (demo databases only)
const demoOrgLines = seedWanted ? await demoOrgBanner() : []
const demoKeyLines = seedWanted ? await demoUsageBanner(env.get('APP_URL') ?? `http://localhost:${env.get('PORT')}`, env.get('INTERNAL_SERVICE_TOKEN'), DEV_SECRETS.INTERNAL_SERVICE_TOKEN) : []

app.ready(() => {
  const port = env.get('PORT')
  const base = env.get('APP_URL') ?? `http://localhost:${port}`
  const lines = [
    '',
    `  Creditdesk is running${seeded ? ' (demo data created)' : ''}`,
    `  Console  ${base}/admin`,
    `  Portal   ${base}/`,
    `  API      ${base}/api`,
    `  Database ${process.env.DATABASE_URL?.includes('127.0.0.1') && !process.env.DATABASE_URL_FROM_USER ? `embedded PostgreSQL (.data/${process.env.EMBEDDED_PG_DIR ?? 'pg'})` : 'DATABASE_URL'}`,
  ]
  if (!app.inProduction) {
    lines.push('', `  Demo logins (password: ${env.get('DEMO_PASSWORD')})`)
    for (const staff of DEMO_STAFF) lines.push(`    ${staff.email.padEnd(24)} ${staff.role}`)
    lines.push(...demoOrgLines)
    lines.push(...demoKeyLines)
  }
  console.log(lines.join('\n') + '\n')
})
