/**
 * The figures of the console home, each with the resources whose lists it summarises. A figure
 * is computed and sent only to a role that may list every one of them, so the dashboard shows
 * nothing the role could not see in the lists themselves, and no card links to a list that
 * would refuse it. Days are UTC days. The period cards (new users, recharges, tokens, cost,
 * revenue, margin, staff sign-ins, active users) are in cards.ts, under the same rule.
 */
import db from '@adonisjs/lucid/services/db'
import creditdesk from '#config/creditdesk'
import { fromUnits } from '#services/ledger/amounts'
import { DASHBOARD_CARDS, type DashboardCardId } from '#contract/dashboard'
import { CARD_SOURCES, dashboardCards } from './cards.js'

export type Figure = { sources: string[]; compute: () => Promise<Record<string, unknown>> }

const count = async (sql: string) => Number((await db.rawQuery(sql)).rows[0].n)

export const FIGURES: Record<string, Figure> = {
  moneyToday: {
    sources: ['ledger-transactions'],
    compute: async () => {
      const money = await db.rawQuery(`
        SELECT type, count(*)::int AS count, coalesce(sum(amount), 0)::text AS amount
        FROM ledger_transactions
        WHERE created_at >= date_trunc('day', now()) AND type IN ('redeem', 'voucher_grant', 'usage_charge', 'recharge')
        GROUP BY type`)
      const of = (type: string) => {
        const row = money.rows.find((r: any) => r.type === type)
        return { count: row?.count ?? 0, amount: fromUnits(row?.amount ?? '0') }
      }
      return {
        moneyToday: {
          currency: creditdesk.asset,
          codesRedeemed: of('redeem'),
          vouchersGranted: of('voucher_grant'),
          usageCharged: of('usage_charge'),
          recharged: of('recharge'),
        },
      }
    },
  },

  refunds: {
    sources: ['refunds'],
    compute: async () => {
      const { rows } = await db.rawQuery(`
        SELECT
          (SELECT count(*)::int FROM refunds WHERE status = 'SUCCEEDED' AND completed_at >= date_trunc('day', now())) AS refunds_today,
          (SELECT coalesce(sum(ledger_amount), 0)::text FROM refunds WHERE status = 'SUCCEEDED' AND completed_at >= date_trunc('day', now())) AS refunded_today,
          (SELECT count(*)::int FROM refunds WHERE status = 'REQUESTED') AS refunds_waiting`)
      return {
        payments: {
          refundsToday: { count: rows[0].refunds_today, amount: fromUnits(rows[0].refunded_today) },
          refundsWaitingForReview: rows[0].refunds_waiting,
        },
      }
    },
  },

  // counted from orders, followed up in the reconciliation findings the card links to
  paidOrdersWithoutRecharge: {
    sources: ['orders', 'reconciliation-findings'],
    compute: async () => ({
      payments: {
        paidOrdersWithoutRecharge: await count(
          `SELECT count(*)::int AS n FROM orders WHERE status IN ('PAID', 'REFUNDING', 'PARTIALLY_REFUNDED', 'REFUNDED') AND paid_transaction_id IS NULL`
        ),
      },
    }),
  },
}

/** The figures a role may see (`mayList` answers the permission matrix), merged into one summary. */
export async function dashboardSummary(mayList: (resource: string) => Promise<boolean>) {
  const summary: Record<string, any> = {}
  const visible = []
  for (const figure of Object.values(FIGURES)) {
    if (await mayListAll(figure.sources, mayList)) visible.push(figure)
  }
  const cards = await visibleCards(mayList)
  if (cards.length) visible.push({ sources: [], compute: async () => ({ cards: await dashboardCards(cards) }) })
  for (const part of await Promise.all(visible.map((f) => f.compute()))) {
    for (const [key, value] of Object.entries(part)) {
      summary[key] = key === 'payments' ? { ...summary.payments, ...(value as object) } : value
    }
  }
  return summary
}

const mayListAll = async (sources: string[], mayList: (resource: string) => Promise<boolean>) => (await Promise.all(sources.map(mayList))).every(Boolean)

/** The period cards the role may see, in the contract's order. */
export async function visibleCards(mayList: (resource: string) => Promise<boolean>): Promise<DashboardCardId[]> {
  const cards: DashboardCardId[] = []
  for (const { value } of DASHBOARD_CARDS) if (await mayListAll(CARD_SOURCES[value], mayList)) cards.push(value)
  return cards
}
