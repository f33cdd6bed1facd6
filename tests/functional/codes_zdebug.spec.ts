import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'

test.group('debug', () => {
  test('rl', async () => {
    console.log('RL', JSON.stringify((await db.rawQuery(`select * from rate_limits where key not like '%redeem%'`)).rows))
  })
})
