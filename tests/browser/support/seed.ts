/**
 * Data for the browser suite: the demo data set (five staff accounts, ~300 customers, some
 * audit history), committed once per run — the browser makes concurrent requests through
 * the real HTTP server, so these tests cannot run inside a global transaction. Specs that
 * change shared state (grants, freezes) restore or isolate what they touch.
 */
import db from '@adonisjs/lucid/services/db'
import { DEMO_STAFF, seedDemo } from '#database/seeders/demo'

export async function seedBrowserData() {
  // Sign-in throttling state left by earlier suites of the same run must not throttle the browser.
  await db.from('rate_limits').delete()
  const seeded = await db.from('staff').where('email', DEMO_STAFF[0].email).first()
  if (!seeded) await seedDemo(process.env.DEMO_PASSWORD || 'Demo-Pass-2026')
}
