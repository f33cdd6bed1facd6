import type { HttpContext } from '@adonisjs/core/http'
import type Staff from '#models/staff'
import { buildMeta } from '#engine/meta'
import { presentStaff } from '../presenters.js'

/** GET /api/admin/meta: everything the console renders from, for this caller. */
export default class MetaController {
  async show({ auth }: HttpContext) {
    const staff = auth.use('staff').user as Staff
    return { user: presentStaff(staff), ...(await buildMeta(staff)) }
  }
}
