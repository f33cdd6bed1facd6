import type { FieldMeta } from '../../meta/types'

export type { StoredFileWire as StoredFile, FileLinkWire as FileLink } from '@creditdesk/contract/files'

export const FILES_PATH = '/files'

/**
 * A file field's `purpose` (which kind of record will own the file, sent with the upload) and
 * whether it holds a list of file ids (`multiple`, the documents of a KYC submission).
 */
export const purposeOf = (field: FieldMeta) => field.purpose
export const isMultiple = (field: FieldMeta) => field.multiple === true

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
