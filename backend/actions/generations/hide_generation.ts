import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'

type GenerationRow = { id: number | string; hidden_at: Date | null }

/**
 * Hides a generation from the content-review queue: its output is no longer served (the portal
 * and the platform's read API leave out rows with `hidden_at`). Who hid it, when and why are kept
 * on the row; the engine writes the audit row with the reason in the same transaction.
 */
const hideGeneration: EngineAction<{}, GenerationRow> = {
  async handle({ record, reason }, { trx, actor }) {
    const generation = record!
    if (generation.hidden_at) throw new BadRequest('This generation is already hidden')
    const now = new Date()
    await trx
      .from('generations')
      .where('id', generation.id)
      .update({ hidden_at: now, hidden_by: actor.type === 'staff' ? actor.id : null, hidden_reason: reason, updated_at: now })
    return { message: 'Content hidden' }
  },
}
export default hideGeneration
