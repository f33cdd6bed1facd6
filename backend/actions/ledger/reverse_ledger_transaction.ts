import type { ActionContext, UseCase } from '#engine/types'
import { actorOf } from '#services/audit'
import { reverseTransaction } from './reverse_transaction.js'

/** Console action: reverse a ledger transaction (finance), with a reason. */
const reverseLedgerTransaction: UseCase = {
  async handle({ trx, record, ctx, reason }: ActionContext) {
    const posted = await reverseTransaction(trx, Number(record!.id), actorOf(ctx), reason!)
    return {
      message: `Reversed by transaction ${posted.transaction.id}`,
      result: { reversalId: Number(posted.transaction.id) },
      auditMetadata: { reversalId: Number(posted.transaction.id) },
    }
  },
}
export default reverseLedgerTransaction
