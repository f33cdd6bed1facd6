/**
 * What one customer holds, for the customer page's header (issue 9 §4), read from the ledger:
 * - cash, gift: the two spendable buckets;
 * - onHold: money taken out of cash while a refund is paid out or a card dispute is open — the
 *   customer's share of the `refund_pending` system account, i.e. the sum of that account's entries
 *   in the customer's transactions (holds in, settlements and releases out) — plus the `held`
 *   bucket: credit reserved for a long job in progress (services/holds);
 * - arrears: what the customer owes (arrears.ts).
 * Decimal strings in the ledger asset, like every money field on the wire.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import type { CustomerBalances } from '#contract/meta'
import { ARREARS } from './accounts.js'
import { fromUnits } from './amounts.js'

export async function customerBalances(client: QueryClientContract, customerId: number): Promise<CustomerBalances> {
  // sequential: `client` may be a transaction, whose one connection cannot run two queries at once
  const accounts = await client.from('ledger_accounts').where({ owner_type: 'customer', owner_id: customerId, asset: creditdesk.asset }).select('code', 'balance')
  const held = await client.rawQuery(
    `SELECT coalesce(sum(e.amount), 0) AS held
       FROM ledger_transactions t
       JOIN ledger_entries e ON e.transaction_id = t.id
       JOIN ledger_accounts a ON a.id = e.account_id AND a.owner_type = 'system' AND a.code = 'refund_pending'
      WHERE t.customer_id = ?`,
    [customerId]
  )
  const balance = (code: string) => accounts.filter((a) => a.code === code).reduce((sum, a) => sum + BigInt(a.balance), 0n)
  return {
    currency: creditdesk.asset,
    cash: fromUnits(balance('cash')),
    gift: fromUnits(balance('gift')),
    onHold: fromUnits(BigInt(held.rows[0].held) + balance('held')),
    arrears: fromUnits(-balance(ARREARS)),
  }
}
