/**
 * A new contract template from the console's create form (contract-templates write hook): its
 * uploaded file (purpose contract_template, not attached elsewhere) is version 1, written under
 * the template's pre-allocated id. The engine inserts the row and audits `create`.
 */
import type { UseCase } from '#services/use_case'
import { addTemplateVersion, claimFile, nextId } from '#services/contracts/files'

const createContractTemplate: UseCase<{ values: Record<string, any> }, Record<string, any>> = {
  async handle({ values }, { trx, actor }) {
    const file = await claimFile(trx, values.file_id, 'contract_template')
    const id = await nextId(trx, 'contract_templates')
    const staffId = actor.type === 'staff' ? actor.id : null
    await addTemplateVersion(trx, { templateId: id, version: 1, fileId: Number(file.id), staffId })
    return { ...values, id, file_id: Number(file.id), version: 1, status: 'active', created_by: staffId }
  },
}
export default createContractTemplate
