import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { NotFound } from '#exceptions/domain_errors'
import { presentGeneration } from '#services/holds/present'

/**
 * GET /api/internal/generations/:id (service token): a generation as the platform may serve it.
 * One hidden by content review answers `hidden: true` and no output URLs, so the platform stops
 * serving it; everything else is as the hold API answers it.
 */
export default class InternalGenerationsController {
  async show({ params }: HttpContext) {
    const id = String(params.id)
    const row = /^[1-9]\d{0,15}$/.test(id) ? await db.from('generations').where('id', id).first() : null
    if (!row) throw new NotFound('Generation not found')
    return { generation: presentGeneration(row) }
  }
}
