import { BaseSeeder } from '@adonisjs/lucid/seeders'
import env from '#start/env'
import db from '@adonisjs/lucid/services/db'
import { ensureDefaultRoles } from './default_roles.js'
import { seedDemo } from './demo.js'

/**
 * `npm run ace -- db:seed`: the default roles everywhere; the demo data too outside
 * production, when the database has no staff yet.
 */
export default class MainSeeder extends BaseSeeder {
  static environment = ['development', 'test', 'production']

  async run() {
    await ensureDefaultRoles(db.connection())
    const staff = await db.from('staff').count('* as n').first()
    if (Number(staff?.n) === 0 && process.env.NODE_ENV !== 'production') await seedDemo(env.get('DEMO_PASSWORD')!)
  }
}
