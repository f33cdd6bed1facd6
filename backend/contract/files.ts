/**
 * Stored files (issue 12 §2): what a file is for, and the wire shapes of uploads and download
 * links. Files are never linked directly: a signed link valid for a few minutes is asked for first
 * (audited), and the download behind it checks the session again.
 */
import type { EnumOption } from './meta.js'
import { option as s, type Values } from './options.js'

/** Which kind of record a stored file belongs to (stored_files.purpose). */
export const FILE_PURPOSES = [
  s('contract', 'geekblue', 'Contract', '合同'),
  s('contract_template', 'cyan', 'Contract template', '合同模板'),
  s('kyc_document', 'gold', 'Verification document', '认证材料'),
  s('invoice', 'green', 'Invoice', '发票'),
] as const satisfies readonly EnumOption[]

export type FilePurpose = Values<typeof FILE_PURPOSES>

export const isFilePurpose = (value: unknown): value is FilePurpose => FILE_PURPOSES.some((p) => p.value === value)

/** POST /api/admin/files and POST /api/portal/files (multipart `file` + `purpose`, optional `sha256`) → 201. */
export interface StoredFileWire {
  id: number
  name: string
  size: number
  mime_type: string
}

/** GET …/files/:id/link and GET /api/portal/contracts/:id/link. */
export interface FileLinkWire {
  url: string
  expires_at: string
}

/** How long a download link works. */
export const FILE_LINK_SECONDS = 600

/** GET /api/portal/contracts → PortalContract[] (the acting organization's contracts, newest first). */
export interface PortalContract {
  id: number
  number: string
  type: string
  title: string
  status: string
  signing_method: 'online' | 'offline'
  starts_on: string
  expires_on: string
  version: number
  signed_at: string | null
  signed_by_name: string | null
  /** True when the caller may sign it now (online, awaiting signature, role with contracts.sign). */
  can_sign: boolean
  file: { name: string; size: number; mime_type: string }
}
