/**
 * An upload, recorded: the file is checked and written (services/files/store.ts) and the upload
 * audited in the same transaction (`file.upload`: purpose, name, size, type, SHA-256). Staff
 * upload from the console, an organization's admin from the portal; the file is attached to a
 * record later, by the action or form that names its id.
 */
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { storeUpload, type StoreInput } from '#services/files/store'
import type { StoredFileRow } from '#services/files/rows'

const storeFile: UseCase<StoreInput, StoredFileRow> = {
  async handle(input, { trx, actor, facts }) {
    const row = await storeUpload(trx, input)
    await audit.record(
      trx,
      {
        action: 'file.upload',
        resource: 'files',
        recordId: row.id,
        after: { purpose: row.purpose, name: row.original_name, size: Number(row.size), mime_type: row.mime_type, sha256: row.sha256, disk: row.disk },
        metadata: input.customerId ? { customer_id: input.customerId } : null,
      },
      actor,
      facts
    )
    return row
  },
}
export default storeFile
