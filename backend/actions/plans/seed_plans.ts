/**
 * The demo catalog (seeds: starter 115 credits for $9.90, standard 355 for $30, premium 1450
 * for $99). With the CREDIT ledger asset the packages grant those credits; with the default
 * USD asset they grant the dollar amount paid (the USD-balance equivalent), so a refund of
 * what was paid can never leave "bonus" cash behind.
 *
 * Idempotent: it creates the plans only when the catalog is empty, through the same
 * versioning as the console, so each demo plan has its version 1.
 */
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import creditdesk from '#config/creditdesk'
import payments from '#config/payments'
import { SYSTEM_ACTOR } from '#services/audit'
import { toUnits } from '#services/ledger/amounts'
import { preparePlanCreate } from './record_plan_version.js'

export const DEMO_PLANS = [
  { code: 'starter', name: 'Starter', credits: '115', usd: '9.90', sort_order: 10, description: '115 credits — about 11 videos' },
  { code: 'standard', name: 'Standard', credits: '355', usd: '30.00', sort_order: 20, description: '355 credits — about 35 videos' },
  { code: 'premium', name: 'Premium', credits: '1450', usd: '99.00', sort_order: 30, description: '1450 credits — about 145 videos, the best price per credit' },
]

export async function ensureDemoPlans(client: QueryClientContract | TransactionClientContract = db.connection()) {
  const run = async (trx: TransactionClientContract) => {
    await trx.rawQuery('LOCK TABLE plans IN SHARE ROW EXCLUSIVE MODE')
    const existing = await trx.from('plans').count('* as n').first()
    if (Number(existing?.n) > 0) return 0
    for (const plan of DEMO_PLANS) {
      const values = await preparePlanCreate(
        {
          code: plan.code,
          name: plan.name,
          description: plan.description,
          prices: { USD: plan.usd, [payments.currency]: plan.usd },
          grant_amount: toUnits(creditdesk.asset === 'CREDIT' ? plan.credits : plan.usd).toString(),
          active: true,
          sort_order: plan.sort_order,
        },
        trx,
        SYSTEM_ACTOR,
        'Demo catalog'
      )
      await trx.insertQuery().table('plans').insert(values)
    }
    return DEMO_PLANS.length
  }
  return 'isTransaction' in client && client.isTransaction ? run(client as TransactionClientContract) : (client as QueryClientContract).transaction(run)
}
