import type { HttpContext } from '@adonisjs/core/http'
import { perform } from '#abilities/main'
import { serializeRow } from '#engine/serialize'
import redemptionCodes from '#resources/redemption_codes'
import { findCode } from '#services/codes/find_code'
import { lookupValidator } from '#validators/codes'

/** GET /api/admin/code-lookup?code=VEO-ABCD-EFGH: support finds a code by typing it in full. */
export default class CodesController {
  async lookup(ctx: HttpContext) {
    const { code } = await lookupValidator.validate(ctx.request.qs())
    const row = await findCode(code)
    return serializeRow(redemptionCodes, row, await ctx.bouncer.allows(perform, redemptionCodes.name, 'view_sensitive'))
  }
}
