import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type Staff from '#models/staff'
import { perform } from '#abilities/main'
import { runUseCase } from '#http/use_cases'
import { findResource } from '#engine/registry'
import { InvalidInput } from '#exceptions/domain_errors'
import { assertOnlyKeys } from '#validators/strict'
import { createSavedViewValidator, listSavedViewsValidator } from '#validators/saved_views'
import { presentSavedView, type SavedViewRow } from '#services/saved_views'
import saveView from '#actions/saved_views/save_view'
import deleteView from '#actions/saved_views/delete_view'

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
    return rows.map(presentSavedView)
  }

  /** POST /api/admin/saved-views { resource, name, query } → 201 the view */
  async store(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['resource', 'name', 'query'])
    const input = await ctx.request.validateUsing(createSavedViewValidator)
    await this.#assertViewable(ctx, input.resource)
    const view = await runUseCase(ctx, saveView, input)
    ctx.response.status(201)
    return view
  }

  /** DELETE /api/admin/saved-views/:id → 204; another staff member's view is a 404 */
  async destroy(ctx: HttpContext) {
    await runUseCase(ctx, deleteView, { id: String(ctx.params.id) })
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
