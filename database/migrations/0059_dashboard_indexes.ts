import { BaseSchema } from '@adonisjs/lucid/schema'
import { DAILY_FROM_USAGE, HOURLY_FROM_USAGE } from '#services/usage_rollups/rebuild'
import { MEASURES } from '#services/usage_rollups/measures'

/**
 * The console dashboard's non-usage figures read through indexes that end in their time column
 * (staff sign-ins and ledger recharges per period; customers.created_at has one since 0003), and
 * a database that billed usage before the rollups existed gets its rollups filled once from its
 * usage rows (the same sums `usage:rollups --rebuild` writes).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE INDEX IF NOT EXISTS audit_logs_action_actor_occurred_idx ON audit_logs (action, actor_type, occurred_at)')
    this.schema.raw('CREATE INDEX IF NOT EXISTS ledger_transactions_type_created_idx ON ledger_transactions (type, created_at)')
    const columns = MEASURES.map(([name]) => name).join(', ')
    const everything = ['1900-01-01', '2200-01-01']
    this.defer(async (client) => {
      const { rows } = await client.rawQuery('SELECT EXISTS (SELECT 1 FROM usage_rollup_daily) OR EXISTS (SELECT 1 FROM usage_rollup_hourly) AS filled')
      if (rows[0].filled) return
      await client.rawQuery(`INSERT INTO usage_rollup_hourly (bucket, customer_id, api_key_id, model_id, channel_id, ${columns}) ${HOURLY_FROM_USAGE}`, everything)
      await client.rawQuery(`INSERT INTO usage_rollup_daily (bucket, customer_id, model_id, channel_id, ${columns}) ${DAILY_FROM_USAGE}`, everything)
    })
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS audit_logs_action_actor_occurred_idx')
    this.schema.raw('DROP INDEX IF EXISTS ledger_transactions_type_created_idx')
  }
}
