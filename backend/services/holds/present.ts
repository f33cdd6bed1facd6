/** A hold and its generation as the internal API answers them: money as decimal strings. */
import { fromUnits } from '#services/ledger/amounts'
import type { GenerationRow, HoldRow } from './rows.js'

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)
const id = (v: string | number | null) => (v === null ? null : Number(v))

export function presentGeneration(g: GenerationRow) {
  return {
    id: Number(g.id),
    type: g.type,
    status: g.status,
    model_id: id(g.model_id),
    prompt: g.prompt,
    // a generation hidden by content review is no longer served: its outputs are not handed out
    hidden: g.hidden_at !== null,
    output_urls: g.hidden_at === null ? g.output_urls : [],
    credits: fromUnits(g.credits),
    failure_reason: g.failure_reason,
    refund_transaction_id: id(g.refund_transaction_id),
    completed_at: iso(g.completed_at),
    created_at: iso(g.created_at),
  }
}

/** `callerKey` is the key as the caller sent it (the stored one carries the caller's namespace). */
export function presentHold(h: HoldRow, generation: GenerationRow | null) {
  return {
    id: Number(h.id),
    customer_id: Number(h.customer_id),
    api_key_id: id(h.api_key_id),
    status: h.status,
    amount: fromUnits(h.amount),
    from_cash: fromUnits(h.from_cash),
    from_gift: fromUnits(h.from_gift),
    captured: h.captured === null ? null : fromUnits(h.captured),
    model_id: id(h.model_id),
    units: h.units,
    expires_at: iso(h.expires_at),
    hold_transaction_id: Number(h.hold_transaction_id),
    settle_transaction_id: id(h.settle_transaction_id),
    settled_at: iso(h.settled_at),
    settled_by: h.settled_by,
    created_at: iso(h.created_at),
    generation: generation ? presentGeneration(generation) : null,
  }
}
