/**
 * Which ledger transactions staff may reverse by hand (the console's "Reverse" action).
 *
 * Only postings that are a plain grant, charge or expiry. Money that came from or went to a
 * payment provider has its own flows, which keep the order, the refund and the provider in step
 * with the ledger: recharges (refund the order), refund holds/settlements/releases, disputes,
 * provider refunds, arrears; cash adjustments are corrected by another adjustment under
 * maker-checker; reconciliation corrections by reconciliation; a reversal is never reversed.
 * Reconciliation itself still reverses a recharge that has no paid order (services/reconciliation).
 */
import type { LedgerType } from '#contract/ledger_types'
import { BadRequest } from '#exceptions/domain_errors'

export const STAFF_REVERSIBLE_TYPES = ['redeem', 'voucher_grant', 'voucher_expiry', 'usage_charge'] as const satisfies readonly LedgerType[]

export function assertStaffMayReverse(type: string) {
  if (!(STAFF_REVERSIBLE_TYPES as readonly string[]).includes(type)) {
    throw new BadRequest(
      `A ${type.replace(/_/g, ' ')} transaction cannot be reversed by hand: it has its own flow (refunds, disputes, cash adjustments or reconciliation). Only ${STAFF_REVERSIBLE_TYPES.map((t) => t.replace(/_/g, ' ')).join(', ')} transactions can be reversed.`
    )
  }
}
