import { checkInvariants } from '#services/ledger/invariants'

/** GET /api/admin/ledger/invariants: runs the invariant checker and lists violations. */
export default class LedgerController {
  async invariants() {
    const started = Date.now()
    const violations = await checkInvariants()
    return { ok: violations.length === 0, violations, checkedInMs: Date.now() - started }
  }
}
