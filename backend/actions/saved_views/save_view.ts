/**
 * A staff member saves a list view (the list's URL search string under a name), for themselves
 * only; at most MAX_VIEWS_PER_RESOURCE per list, one name once per list. Audited. The caller has
 * checked that the staff member may open that list.
 */
import type { UseCase } from '#services/use_case'
import audit from '#services/audit'
import { Conflict, Forbidden, InvalidInput } from '#exceptions/domain_errors'
import { MAX_VIEWS_PER_RESOURCE } from '#validators/saved_views'
import { presentSavedView, type SavedViewRow } from '#services/saved_views'
import type { SavedView } from '#contract/meta'

type Input = { resource: string; name: string; query?: string | null }

const saveView: UseCase<Input, SavedView> = {
  async handle(input, { trx, actor, facts }) {
    if (actor.type !== 'staff' || actor.id === null) throw new Forbidden('Only staff keep saved views')
    const staffId = actor.id
    const query = (input.query ?? '').replace(/^\?/, '')
    const [{ count }] = await trx.from('saved_views').where({ staff_id: staffId, resource: input.resource }).count('* as count')
    if (Number(count) >= MAX_VIEWS_PER_RESOURCE) {
      throw new InvalidInput([{ field: 'name', message: `You can keep ${MAX_VIEWS_PER_RESOURCE} views per list; delete one first`, rule: 'max' }])
    }
    const [inserted]: SavedViewRow[] = await trx
      .insertQuery()
      .table('saved_views')
      .insert({ staff_id: staffId, resource: input.resource, name: input.name, query })
      .onConflict(['staff_id', 'resource', 'name'])
      .ignore()
      .returning('*')
    if (!inserted) throw new Conflict(`You already have a view named "${input.name}" on this list`)
    const view = presentSavedView(inserted)
    await audit.record(trx, { action: 'create', resource: 'saved-views', recordId: inserted.id, before: null, after: { ...view } }, actor, facts)
    return view
  },
}
export default saveView
