import type { HttpContext } from '@adonisjs/core/http'
import ingestUsage from '#actions/usage/ingest_usage'
import { transaction } from '#services/transaction'
import { requestFacts } from '#services/audit'

/** Who calls this endpoint: the platform's gateways (one service token). */
const CALLER = 'internal-service'

/**
 * POST /api/internal/usage `{ records: [...] }` (1..1000) → 200
 * `{ results: [{ request_id, outcome: billed|duplicate|rejected, reason?, usage_id?, charged?, note? }], billed, duplicates, rejected }`
 * in the order sent. A wrong envelope is a 422 and writes nothing; a wrong record is only that
 * record rejected. Replaying a batch is safe: every record comes back `duplicate`.
 */
export default class InternalUsageController {
  async store(ctx: HttpContext) {
    const actor = { type: 'system' as const, id: null, label: CALLER, role: null }
    return transaction((trx) => ingestUsage.handle(ctx.request.body(), { trx, actor, facts: requestFacts(ctx) }))
  }
}
