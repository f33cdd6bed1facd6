/**
 * The admin repair API's `recalculate_balance`: every ledger account of one customer whose stored
 * balance differs from the sum of its entries is corrected, each audited; accounts that already
 * agree are reported and left alone, so a repeat changes nothing.
 */
import type { UseCase } from '#services/use_case'
import audit from '#services/audit'
import { NotFound } from '#exceptions/domain_errors'
import { correctBalance } from '#services/reconciliation/repairs'
import { balanceMismatches } from '#services/reconciliation/diagnose'

type AccountOutcome = { account_id: number; done: boolean; message: string }

const recalculateBalance: UseCase<{ customerId: number }, AccountOutcome[]> = {
  async handle({ customerId }, { trx, actor, facts }) {
    const accounts: Array<{ id: number | string }> = await trx.from('ledger_accounts').where({ owner_type: 'customer', owner_id: customerId }).select('id')
    if (!accounts.length) throw new NotFound(`Customer ${customerId} has no ledger accounts`)
    const results: AccountOutcome[] = []
    for (const account of accounts) {
      if (!(await balanceMismatches(account.id, trx)).length) {
        results.push({ account_id: Number(account.id), done: false, message: 'Balance already equals its entries' })
        continue
      }
      const outcome = await correctBalance(trx, account.id, actor)
      await audit.record(trx, { action: 'recalculate_balance', resource: 'accounts', recordId: account.id, metadata: { outcome } }, actor, facts)
      results.push({ account_id: Number(account.id), ...outcome })
    }
    return results
  },
}
export default recalculateBalance
