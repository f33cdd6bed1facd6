/**
 * Finance generates an organization's bill for a period (the bills collection action, the
 * `bills-generate` job, tests): the last finished period of the organization's cycle unless one is
 * named. Idempotent per organization and period: a repeat (or a concurrent twin) returns the same
 * bill; a draft is recomputed from the ledger. Nothing is billed for a period still running.
 */
import type { EngineAction } from '#services/use_case'
import { BadRequest, InvalidInput } from '#exceptions/domain_errors'
import { generateBill, lockPostpaidOrg } from '#services/bills/generate'
import { assertBillablePeriod, lastFinishedPeriod } from '#services/bills/periods'
import { fromUnits } from '#services/ledger/amounts'

type Fields = { org_id: number; period_start?: Date | null; period_end?: Date | null }

const generateBillAction: EngineAction<Fields> = {
  async handle({ fields }, deps) {
    const org = await lockPostpaidOrg(deps.trx, Number(fields.org_id))
    let period
    if (fields.period_start || fields.period_end) {
      if (!fields.period_start || !fields.period_end) {
        throw new InvalidInput([{ field: fields.period_start ? 'period_end' : 'period_start', message: 'Give both ends of the period, or neither', rule: 'required' }])
      }
      period = { start: fields.period_start, end: fields.period_end }
      assertBillablePeriod(org, period)
    } else {
      period = lastFinishedPeriod(org)
      if (!period) throw new BadRequest("The organization's first billing period has not ended yet")
    }
    const { bill, outcome } = await generateBill(deps.trx, Number(org.id), period, deps)
    const verb = outcome === 'created' ? 'generated' : outcome === 'recomputed' ? 'recomputed (draft)' : 'already exists'
    return {
      message: `Bill ${bill.number} ${verb}: total ${fromUnits(bill.total)}, due ${fromUnits(bill.amount_due)}`,
      result: { bill_id: Number(bill.id), number: bill.number, outcome },
      auditMetadata: { billId: Number(bill.id), outcome },
    }
  },
}
export default generateBillAction
