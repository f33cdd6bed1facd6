/**
 * Contract-templates record action `replace { file_id, reason }`: the new file is version n+1
 * (with the reason); earlier files stay in the template's versions, and contracts already drafted
 * from it keep their own copies. Not on a deleted template.
 */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'
import { addTemplateVersion, claimFile } from '#services/contracts/files'

const replaceContractTemplate: EngineAction<{ file_id: number }> = {
  async handle({ record, fields, reason }, { trx, actor }) {
    const template = record!
    if (template.status !== 'active') throw new Conflict(`Template "${template.name}" was deleted: it cannot be replaced`)
    const file = await claimFile(trx, fields.file_id, 'contract_template')
    const version = Number(template.version) + 1
    await addTemplateVersion(trx, { templateId: Number(template.id), version, fileId: Number(file.id), reason, staffId: actor.id })
    await trx.from('contract_templates').where('id', template.id).update({ file_id: file.id, version, updated_at: new Date() })
    return {
      message: `Template "${template.name}": version ${version} is now current; version ${template.version} is kept`,
      auditMetadata: { previous_file_id: Number(template.file_id), file_id: Number(file.id), version },
    }
  },
}
export default replaceContractTemplate
