/**
 * Contract-templates record action `delete { reason }`: a soft delete. The template leaves the
 * choices for new contracts; its files and versions stay, as do contracts drafted from it.
 */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'

const deleteContractTemplate: EngineAction = {
  async handle({ record }, { trx, actor }) {
    const template = record!
    if (template.status !== 'active') throw new Conflict(`Template "${template.name}" is already deleted`)
    const now = new Date()
    await trx.from('contract_templates').where('id', template.id).update({ status: 'deleted', deleted_at: now, deleted_by: actor.id, updated_at: now })
    return { message: `Template "${template.name}" deleted: contracts drafted from it keep their files` }
  },
}
export default deleteContractTemplate
