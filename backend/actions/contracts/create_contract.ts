/**
 * A new contract from the console's create form (contracts resource write hook): on an
 * organization, from a template (its file copied as the draft) or from an uploaded file, signed
 * online (the organization's admin accepts in the portal) or offline (staff upload the signed
 * scan). It starts awaiting signature; version 1 is its draft. The engine inserts the row and
 * audits `create` in the same transaction.
 */
import type { UseCase } from '#services/use_case'
import { prepareContract, type ContractDraft } from '#services/contracts/prepare'

const createContract: UseCase<{ values: Record<string, any> }, Record<string, any>> = {
  handle: ({ values }, { trx, actor }) => prepareContract(trx, values as ContractDraft, actor),
}
export default createContract
