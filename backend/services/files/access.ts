/**
 * Who may read a stored file. A file belongs to the records that point at it (a contract or one
 * of its versions, a template or one of its versions, a KYC review, an invoice):
 * - staff: a role that may view one of those records' resources (a file no record points at yet:
 *   its uploader, or a role that may view the resource its purpose is for);
 * - a customer: when a record of the account they act in points at it, the record is one
 *   customers see, and their member role has the capability (a file not attached yet: the account
 *   that uploaded it). Templates are never a customer's.
 * Asked again at every link and every download, so a lost permission or membership stops both.
 */
import db from '@adonisjs/lucid/services/db'
import { can, type MemberRole, type PortalCapability } from '#contract/orgs'
import type { FilePurpose } from '#contract/files'
import permissions from '#services/permissions'
import type { StoredFileRow } from './rows.js'

type Owner = { resource: string; customer_id: string | null; customer_visible: boolean }

/** The console resource whose view permission reads a file of this purpose. */
export const PURPOSE_RESOURCE: Record<FilePurpose, string> = {
  contract: 'contracts',
  contract_template: 'contract-templates',
  kyc_document: 'org-kyc-reviews',
  invoice: 'invoices',
}

/** The portal capability that reads a file of this purpose (null: never a customer's). */
export const PURPOSE_CAPABILITY: Record<FilePurpose, PortalCapability | null> = {
  contract: 'dashboard.view',
  contract_template: null,
  kyc_document: 'members.manage',
  invoice: 'invoices.request',
}

/** The records pointing at a file, with the account each belongs to. */
export async function ownersOf(fileId: number | string): Promise<Owner[]> {
  const { rows } = await db.rawQuery(
    `SELECT 'contracts' AS resource, c.org_id AS customer_id, true AS customer_visible FROM contracts c WHERE c.file_id = :id
     UNION ALL SELECT 'contracts', c.org_id, true FROM contract_versions v JOIN contracts c ON c.id = v.contract_id WHERE v.file_id = :id
     UNION ALL SELECT 'contract-templates', NULL, false FROM contract_templates t WHERE t.file_id = :id
     UNION ALL SELECT 'contract-templates', NULL, false FROM contract_template_versions v WHERE v.file_id = :id
     UNION ALL SELECT 'org-kyc-reviews', k.org_id, true FROM org_kyc_reviews k WHERE :id = ANY (k.document_file_ids)
     UNION ALL SELECT 'invoices', i.customer_id, i.status = 'issued' FROM invoices i WHERE i.file_id = :id`,
    { id: String(fileId) }
  )
  return rows
}

/** True when the staff member (of `roleId`) may read the file. */
export async function staffMayRead(staffId: number, roleId: number, file: StoredFileRow) {
  const owners = await ownersOf(file.id)
  if (!owners.length && Number(file.uploaded_by_staff_id) === Number(staffId)) return true
  const resources = owners.length ? [...new Set(owners.map((o) => o.resource))] : [PURPOSE_RESOURCE[file.purpose]]
  for (const resource of resources) {
    if (await permissions.allows(roleId, resource, 'view')) return true
  }
  return false
}

/** True when a person acting in `customerId` with `role` may read the file. */
export async function customerMayRead(acting: { customerId: number; role: MemberRole | 'owner' }, file: StoredFileRow) {
  const capability = PURPOSE_CAPABILITY[file.purpose]
  if (!capability || !can(acting.role, capability)) return false
  const owners = await ownersOf(file.id)
  if (!owners.length) return Number(file.uploaded_by_customer_id) === acting.customerId
  return owners.some((o) => o.customer_visible && Number(o.customer_id) === acting.customerId)
}

/** Console permissions that allow uploading a file of each purpose (any one of them). */
export const UPLOAD_PERMISSIONS: Record<FilePurpose, Array<[resource: string, action: string]>> = {
  contract: [['contracts', 'create'], ['contracts', 'replace'], ['contracts', 'upload_signed'], ['contracts', 'renew']],
  contract_template: [['contract-templates', 'create'], ['contract-templates', 'replace']],
  kyc_document: [['users', 'submit_kyc']],
  invoice: [['invoices', 'issue']],
}

export async function staffMayUpload(roleId: number, purpose: FilePurpose) {
  for (const [resource, action] of UPLOAD_PERMISSIONS[purpose]) {
    if (await permissions.allows(roleId, resource, action)) return true
  }
  return false
}
