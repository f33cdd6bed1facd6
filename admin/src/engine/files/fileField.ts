import type { FieldMeta } from '../../meta/types'

/**
 * A field that takes a stored file: `purpose` says which kind of record will own it (contract,
 * contract_template, kyc_document, invoice) and is sent with the upload; `multiple` fields hold a
 * list of file ids (documents of a KYC submission). The value is always the stored file's id.
 */
export type FileFieldMeta = FieldMeta & { purpose?: string; multiple?: boolean }

/** What POST /api/admin/files answers (201). */
export interface StoredFile {
  id: number
  name: string
  size: number
  mime_type: string
}

/** What GET /api/admin/files/:id/link answers: a signed URL valid for a few minutes. */
export interface FileLink {
  url: string
  expires_at: string
}

export const FILES_PATH = '/files'

export const purposeOf = (field: FieldMeta) => (field as FileFieldMeta).purpose
export const isMultiple = (field: FieldMeta) => (field as FileFieldMeta).multiple === true

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const

/** 532 → "532 B", 48_213 → "47.1 kB", in the reader's number format. */
export function formatFileSize(bytes: number, locale: string): string {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  // Intl spells bytes out ("532 byte"); the short symbol reads the same in both languages
  if (!unit) return `${new Intl.NumberFormat(locale).format(value)} B`
  return new Intl.NumberFormat(locale, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value)
}

/** A form value (one id, a list, empty) as a list of ids. */
export function idsOf(value: unknown): number[] {
  const list = Array.isArray(value) ? value : value === null || value === undefined || value === '' ? [] : [value]
  return list.map(Number).filter((n) => Number.isInteger(n) && n > 0)
}

/** Upload limits the meta may announce (`settings.files`, config/creditdesk.ts `files`): checked here first, by the server always. */
export interface FileLimits {
  maxBytes?: number
  types?: string[]
}

export function fileLimitsOf(settings: Record<string, unknown> | undefined): FileLimits {
  const files = settings?.files
  return files && typeof files === 'object' ? (files as FileLimits) : {}
}

/** "pdf,png" → ".pdf,.png,.jpg" for the file picker (jpeg also answers to .jpg). */
export function acceptOf(types: readonly string[] | undefined): string | undefined {
  if (!types?.length) return undefined
  return types.flatMap((type) => (type === 'jpeg' ? ['.jpeg', '.jpg'] : [`.${type}`])).join(',')
}
