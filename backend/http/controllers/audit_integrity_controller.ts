import type { HttpContext } from '@adonisjs/core/http'
import audit from '#services/audit'
import { verifyIntegrity } from '#services/seal/verify'

/**
 * GET /api/admin/audit-integrity: the auditors' check of the sealed chains (audit trail and
 * ledger transactions), the same as `ace audit:verify`. The check itself is audited.
 */
export default class AuditIntegrityController {
  async verify(ctx: HttpContext) {
    const started = Date.now()
    const report = await verifyIntegrity()
    await audit.standalone(ctx, {
      action: 'audit.verify',
      resource: 'audit-logs',
      metadata: { ok: report.ok, problems: report.chains.filter((c) => c.problem).map((c) => ({ chain: c.chain, kind: c.problem!.kind, rowId: c.problem!.rowId })) },
    })
    return { ...report, checkedInMs: Date.now() - started }
  }
}
