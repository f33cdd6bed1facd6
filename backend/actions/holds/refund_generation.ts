/**
 * Generations record action `refund_credits` (with a reason): gives back the credits of a generation that
 * was charged but turned out failed (ops manual: a failed generation returns its credits exactly
 * once). One `generation_refund` posting under `generation_refund:<id>`, usage revenue → the
 * customer: the part its hold's capture took from gift lots goes back to those lots
 * (soonest-expiring first, as it was used); the rest to cash, reducing arrears first when the
 * customer owes any. The generation becomes failed with its refund transaction. A second refund
 * is a 409; so is a generation nothing was charged for, or one whose hold is still open (release
 * the hold instead). The engine locks the row and writes the audit row in the same transaction.
 *
 * Input: EngineActionInput with `record` = the generations row and `reason` (required).
 * Output: ActionResponse, `result` = { transaction_id, amount, to_gift, to_cash, to_arrears }.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import { formatMoney } from '#contract/money'
import type { EngineAction } from '#services/use_case'
import { Conflict, InvalidInput, NotFound } from '#exceptions/domain_errors'
import { post } from '#services/ledger/post'
import { customerAccount, systemAccount } from '#services/ledger/accounts'
import { lockWallet, owedBy, splitGiveBack } from '#services/ledger/arrears'
import { fromUnits } from '#services/ledger/amounts'
import { giveBackToLots } from '#services/holds/lots'
import type { GenerationRow, HoldRow } from '#services/holds/rows'

const refundGeneration: EngineAction<Record<string, never>, GenerationRow> = {
  async handle({ record, reason }, { trx, actor }) {
    if (!reason?.trim()) throw new InvalidInput([{ field: 'reason', message: 'Reason is required', rule: 'required' }])
    if (!record) throw new NotFound('Generation not found')
    const generation: GenerationRow | null = await trx.from('generations').where('id', record.id).forUpdate().first()
    if (!generation) throw new NotFound(`Generation ${record.id} was not found`)
    if (generation.refund_transaction_id) throw new Conflict('This generation was already refunded')
    const hold: HoldRow | null = generation.hold_id ? await trx.from('holds').where('id', generation.hold_id).first() : null
    if (hold?.status === 'held') throw new Conflict('This generation is still on hold: release its hold instead (nothing was charged yet)')
    const credits = BigInt(generation.credits)
    if (credits <= 0n) throw new Conflict('Nothing was charged for this generation: there is nothing to refund')

    const id = Number(generation.id)
    const customerId = Number(generation.customer_id)
    const holdTransactions = hold ? await holdTransactionIds(trx, hold) : []
    const toGift = hold ? (BigInt(hold.from_gift) < credits ? BigInt(hold.from_gift) : credits) : 0n
    let split = { toArrears: 0n, toCash: credits - toGift }
    const posted = await post(
      trx,
      {
        type: 'generation_refund',
        idempotencyKey: `generation_refund:${id}`,
        request: { generationId: id, amount: credits },
        actor,
        customerId,
        amount: credits,
        reference: { type: 'generation', id },
        memo: reason.trim(),
      },
      async (transactionId) => {
        await giveBackToLots(trx, holdTransactions, transactionId, toGift, 'soonest_first')
        let arrearsId: number | null = null
        let cashId = await customerAccount(trx, customerId, 'cash')
        if (split.toCash > 0n && (await owedBy(trx, customerId)) > 0n) {
          const wallet = await lockWallet(trx, customerId)
          ;({ cashId, arrearsId } = wallet)
          split = splitGiveBack(credits - toGift, wallet.owed)
        }
        return [
          { accountId: await systemAccount(trx, 'usage_revenue'), amount: -credits },
          { accountId: await customerAccount(trx, customerId, 'gift'), amount: toGift },
          { accountId: cashId, amount: split.toCash },
          ...(arrearsId ? [{ accountId: arrearsId, amount: split.toArrears }] : []),
        ]
      }
    )
    if (posted.replayed) throw new Conflict('This generation was already refunded')
    const transactionId = Number(posted.transaction.id)
    await trx
      .from('generations')
      .where('id', id)
      .update({ status: 'failed', refund_transaction_id: transactionId, failure_reason: generation.failure_reason ?? reason.trim(), updated_at: new Date() })

    const amount = fromUnits(credits)
    return {
      message: `Refunded ${formatMoney(amount, creditdesk.asset)} for generation ${id}`,
      result: { transaction_id: transactionId, amount, to_gift: fromUnits(toGift), to_cash: fromUnits(split.toCash), to_arrears: fromUnits(split.toArrears) },
      auditMetadata: { transactionId, customerId, amount, toGift: fromUnits(toGift), toCash: fromUnits(split.toCash), toArrears: fromUnits(split.toArrears), holdId: hold ? Number(hold.id) : null },
    }
  },
}
export default refundGeneration

/** The hold's posting and, when part of it was released, that release (what the capture used is left). */
async function holdTransactionIds(trx: TransactionClientContract, hold: HoldRow) {
  const release = await trx.from('ledger_transactions').where('idempotency_key', `hold:${hold.id}:release`).first()
  return [Number(hold.hold_transaction_id), ...(release ? [Number(release.id)] : [])]
}
