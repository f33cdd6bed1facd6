/** Bills and disputes as the portal receives them: decimal strings, ISO times, no staff fields. */
import { fromUnits } from '#services/ledger/amounts'
import { outstanding } from './rows.js'

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)

export function presentPortalBill(b: Record<string, any>) {
  return {
    id: Number(b.id),
    number: b.number,
    period_start: iso(b.period_start),
    period_end: iso(b.period_end),
    currency: b.currency,
    status: b.status,
    invoice_status: b.invoice_status,
    total: fromUnits(b.total),
    amount_due: fromUnits(b.amount_due),
    paid: fromUnits(b.paid),
    credited: fromUnits(b.credited),
    outstanding: fromUnits(['voided', 'closed'].includes(b.status) ? 0n : outstanding(b as any)),
    issued_at: iso(b.issued_at),
    due_at: iso(b.due_at),
    overdue: b.overdue_at !== null && b.overdue_at !== undefined,
  }
}

export function presentPortalDispute(d: Record<string, any>) {
  return {
    id: Number(d.id),
    bill_line_id: Number(d.bill_line_id),
    amount: fromUnits(d.amount),
    reason: d.reason,
    status: d.status,
    resolution: d.resolution,
    resolved_at: iso(d.resolved_at),
    created_at: iso(d.created_at),
  }
}
