/** A staff member deletes one of their own saved views (another's is not found). Audited. */
import type { UseCase } from '#services/use_case'
import audit from '#services/audit'
import { BadRequest, Forbidden, NotFound } from '#exceptions/domain_errors'
import { presentSavedView, type SavedViewRow } from '#services/saved_views'

const deleteView: UseCase<{ id: string }, void> = {
  async handle({ id }, { trx, actor, facts }) {
    if (actor.type !== 'staff' || actor.id === null) throw new Forbidden('Only staff keep saved views')
    if (!/^\d{1,18}$/.test(id)) throw new BadRequest(`"${id.slice(0, 40)}" is not a valid id`)
    const [deleted]: SavedViewRow[] = await trx.from('saved_views').where({ id, staff_id: actor.id }).delete().returning('*')
    if (!deleted) throw new NotFound('Saved view not found')
    await audit.record(trx, { action: 'delete', resource: 'saved-views', recordId: id, before: { ...presentSavedView(deleted) }, after: null }, actor, facts)
  },
}
export default deleteView
