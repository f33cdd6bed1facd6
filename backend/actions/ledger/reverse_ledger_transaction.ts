import type { EngineAction } from '#services/use_case'
import { reverseTransaction } from '#services/ledger/reverse_transaction'
import { assertStaffMayReverse } from '#services/ledger/reversible'

/** Console action: reverse a ledger transaction (finance), with a reason. */
const reverseLedgerTransaction: EngineAction<{}, { id: string; type: string }> = {
  async handle({ record, reason }, { trx, actor }) {
    // recharges, refunds, disputes and cash adjustments are undone by their own flows
    assertStaffMayReverse(record!.type)
    const posted = await reverseTransaction(trx, Number(record!.id), actor, reason!)
    return {
      message: `Reversed by transaction ${posted.transaction.id}`,
      result: { reversalId: Number(posted.transaction.id) },
      auditMetadata: { reversalId: Number(posted.transaction.id) },
    }
  },
}
export default reverseLedgerTransaction
