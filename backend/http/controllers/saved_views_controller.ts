import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type Staff from '#models/staff'
import type { SavedView } from '../../contract/meta.js'
import { perform } from '#abilities/main'
import audit from '#services/audit'
import { transaction } from '#services/transaction'
import { findResource } from '#engine/registry'
import { BadRequest, Conflict, InvalidInput, NotFound } from '#exceptions/domain_errors'
import { assertOnlyKeys } from '#validators/strict'
import { createSavedViewValidator, listSavedViewsValidator, MAX_VIEWS_PER_RESOURCE } from '#validators/saved_views'

type SavedViewRow = { id: string | number; staff_id: number; resource: string; name: string; query: string; created_at: Date }

const present = (row: SavedViewRow): SavedView => ({
  id: Number(row.id),
  resource: row.resource,
  name: row.name,
  query: row.query,
  created_at: new Date(row.created_at).toISOString(),
})

/**
 * A staff member's saved list views (filters, sort, columns as the list's URL search string).
 * Every signed-in staff member keeps their own, for the resources they may view; nobody sees
 * or deletes another's.
 */
export default class SavedViewsController {
  /** GET /api/admin/saved-views?resource=<name> → own views of that list, by name */
  async index(ctx: HttpContext) {
    const { resource } = await listSavedViewsValidator.validate(ctx.request.qs())
    await this.#assertViewable(ctx, resource)
    const rows: SavedViewRow[] = await db.from('saved_views').where({ staff_id: this.#staff(ctx).id, resource }).orderBy('name').orderBy('id')
    return rows.map(present)
  }

  /** POST /api/admin/saved-views { resource, name, query } → 201 the view */
  async store(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['resource', 'name', 'query'])
    const input = await ctx.request.validateUsing(createSavedViewValidator)
    await this.#assertViewable(ctx, input.resource)
    const staffId = this.#staff(ctx).id
    const query = (input.query ?? '').replace(/^\?/, '')
    const row = await transaction(async (trx) => {
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
      await audit.fromRequest(trx, ctx, { action: 'create', resource: 'saved-views', recordId: inserted.id, before: null, after: { ...present(inserted) } })
      return inserted
    })
    ctx.response.status(201)
    return present(row)
  }

  /** DELETE /api/admin/saved-views/:id → 204; another staff member's view is a 404 */
  async destroy(ctx: HttpContext) {
    const id = String(ctx.params.id)
    if (!/^\d{1,18}$/.test(id)) throw new BadRequest(`"${id.slice(0, 40)}" is not a valid id`)
    await transaction(async (trx) => {
      const [deleted]: SavedViewRow[] = await trx.from('saved_views').where({ id, staff_id: this.#staff(ctx).id }).delete().returning('*')
      if (!deleted) throw new NotFound('Saved view not found')
      await audit.fromRequest(trx, ctx, { action: 'delete', resource: 'saved-views', recordId: id, before: { ...present(deleted) }, after: null })
    })
    return ctx.response.noContent()
  }

  #staff(ctx: HttpContext) {
    return ctx.auth.use('staff').user as Staff
  }

  /** A view may only be kept for a list its owner can open. */
  async #assertViewable(ctx: HttpContext, name: string) {
    if (!findResource(name) || !(await ctx.bouncer.allows(perform, name, 'view'))) {
      throw new InvalidInput([{ field: 'resource', message: `"${name.slice(0, 64)}" is not a list you can open`, rule: 'resource' }])
    }
  }
}
