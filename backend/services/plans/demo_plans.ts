/**
 * The demo catalog (seeds: starter 115 credits for $9.90, standard 355 for $30, premium 1450
 * for $99). With the CREDIT ledger asset the packages grant those credits; with the default
 * USD asset they grant the dollar amount paid (the USD-balance equivalent), so a refund of
 * what was paid can never leave "bonus" cash behind. The descriptions name no amount (the
 * portal shows the grant in the ledger's unit next to them) and come in both languages.
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
import recordPlanVersion from '#actions/plans/record_plan_version'
import { NO_REQUEST } from '#services/use_case'

export const DEMO_PLANS = [
  { code: 'starter', name: 'Starter', name_zh: '入门版', credits: '115', usd: '9.90', sort_order: 10, description: 'About 11 videos', description_zh: '约可生成 11 个视频' },
  { code: 'standard', name: 'Standard', name_zh: '标准版', credits: '355', usd: '30.00', sort_order: 20, description: 'About 35 videos', description_zh: '约可生成 35 个视频' },
  {
    code: 'premium',
    name: 'Premium',
    name_zh: '高级版',
    credits: '1450',
    usd: '99.00',
    sort_order: 30,
    description: 'About 145 videos, the best value',
    description_zh: '约可生成 145 个视频，最划算',
  },
]

export async function ensureDemoPlans(client: QueryClientContract | TransactionClientContract = db.connection()) {
  const run = async (trx: TransactionClientContract) => {
    await trx.rawQuery('LOCK TABLE plans IN SHARE ROW EXCLUSIVE MODE')
    const existing = await trx.from('plans').count('* as n').first()
    if (Number(existing?.n) > 0) return 0
    for (const plan of DEMO_PLANS) {
      const values = await recordPlanVersion.handle(
        {
          values: {
            code: plan.code,
            name: plan.name,
            description: plan.description,
            name_zh: plan.name_zh,
            description_zh: plan.description_zh,
            prices: { USD: plan.usd, [payments.currency]: plan.usd },
            grant_amount: toUnits(creditdesk.asset === 'CREDIT' ? plan.credits : plan.usd).toString(),
            active: true,
            sort_order: plan.sort_order,
          },
          current: null,
          reason: 'Demo catalog',
        },
        { trx, actor: SYSTEM_ACTOR, facts: NO_REQUEST }
      )
      await trx.insertQuery().table('plans').insert(values)
    }
    return DEMO_PLANS.length
  }
  return 'isTransaction' in client && client.isTransaction ? run(client as TransactionClientContract) : (client as QueryClientContract).transaction(run)
}
