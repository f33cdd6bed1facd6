/**
 * Finance resolves a dispute in the organization's favour with a credit note: to the wallet or
 * refunded (services/bills/credit_notes.ts). The bill's lines never change; its `credited` rises.
 */
import type { EngineAction } from '#services/use_case'
import { issueCreditNote } from '#services/bills/credit_notes'
import { fromUnits } from '#services/ledger/amounts'

type Fields = { amount: string; settlement: 'wallet' | 'refund' }

const creditDispute: EngineAction<Fields> = {
  async handle({ record, fields, reason }, { trx, actor, facts }) {
    const note = await issueCreditNote(trx, record!, { amount: BigInt(fields.amount), settlement: fields.settlement, reason: reason ?? '' }, actor, facts)
    return {
      message: `Credit note ${note.number}: ${fromUnits(note.amount)} ${fields.settlement === 'wallet' ? 'credited to the wallet' : 'refunded'}`,
      result: { credit_note_id: Number(note.id), number: note.number },
      auditMetadata: { creditNoteId: Number(note.id), ledgerTransactionId: Number(note.ledger_transaction_id) },
    }
  },
}
export default creditDispute
