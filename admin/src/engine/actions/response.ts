import type { BaseRecord } from '@refinedev/core'
import type { EnumOption, FieldType, LocalizedText } from '../../meta/types'
import { pickLabel, prettifyName } from '../../meta/label'
import { formatMoney } from '@creditdesk/contract/money'
import { formatDate, formatDateTime, stringifyValue } from '../fields/format'

/** How the server describes one result value (backend/services/use_case.ts `ActionResponse.resultTypes`). */
export interface ResultType {
  type: FieldType
  label?: LocalizedText
  currency?: string
  /** enum results: the labels of the values (optional; the raw value is prettified without them). */
  options?: EnumOption[]
}

/** What an action endpoint answers. */
export interface ActionResponse {
  message?: string
  record?: BaseRecord
  result?: Record<string, unknown>
  /** True only for real one-time secrets (codes, reset links, keys): the console says "copy this now". */
  once?: boolean
  resultTypes?: Record<string, ResultType>
}

/** Result keys whose text is a file to hand over (downloaded, not printed), by extension. */
export const FILE_TYPES: Record<string, string> = { csv: 'text/csv', txt: 'text/plain', json: 'application/json' }

/** Keys that name things rather than being values to show. */
const META_KEYS = new Set(['filename'])

export interface ResultFormat {
  lang: string
  /** The console's default currency (meta settings), for money results without their own. */
  currency?: string
  yes: string
  no: string
}

/** The heading of one result value: its declared label in the viewer's language, else the key prettified. */
export function resultLabel(key: string, type: ResultType | undefined, lang: string): string {
  return pickLabel(type?.label, lang, key) || prettifyName(key)
}

/**
 * One result value as text, read like the same value anywhere else in the console: money with its
 * currency and no trailing zeros beyond its precision ("10.000000" → "$10.00", "10 CREDIT"), dates in the
 * viewer's time zone, enums by their label, booleans as Yes/No. Lists are formatted item by item.
 */
export function formatResultValue(value: unknown, type: ResultType | undefined, f: ResultFormat): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map((v) => formatResultValue(v, type, f)).join('\n')
  switch (type?.type) {
    case 'money':
      return formatMoney(String(value), type.currency ?? f.currency, { locale: f.lang })
    case 'datetime':
      return formatDateTime(value)
    case 'date':
      return formatDate(value)
    case 'boolean':
      return value ? f.yes : f.no
    case 'enum': {
      const option = type.options?.find((o) => String(o.value) === String(value))
      return option ? pickLabel(option.label, f.lang, String(value)) : prettifyName(String(value))
    }
    case 'json':
      return typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value)
    default:
      if (typeof value === 'boolean') return value ? f.yes : f.no
      return typeof value === 'object' ? JSON.stringify(value, null, 2) : stringifyValue(value)
  }
}

export interface ResultFile {
  key: string
  name: string
  mime: string
  text: string
}

/** The file-like values of a result (csv/txt/json keys), named after `result.filename`. */
export function resultFiles(result: Record<string, unknown>, fallbackName: string): ResultFile[] {
  const base = typeof result.filename === 'string' && result.filename ? result.filename : fallbackName
  return Object.entries(result)
    .filter(([key, value]) => FILE_TYPES[key.toLowerCase()] && value !== null && value !== undefined)
    .map(([key, value]) => ({
      key,
      name: `${base}.${key.toLowerCase()}`,
      mime: FILE_TYPES[key.toLowerCase()],
      text: Array.isArray(value) ? value.map(String).join('\n') : typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value),
    }))
}

/**
 * The one file saved without a click: the plain list first (the ops manual hands out the txt file),
 * then a spreadsheet. One download, not one per format: browsers hold back a burst of them.
 */
export function autoDownloadOf(files: ResultFile[]): ResultFile | undefined {
  const order = ['txt', 'csv', 'json']
  return [...files].sort((a, b) => order.indexOf(a.key.toLowerCase()) - order.indexOf(b.key.toLowerCase()))[0]
}

/** The values a result shows on screen: everything but file contents and naming keys. */
export function shownEntries(result: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(result).filter(([key]) => !META_KEYS.has(key) && !FILE_TYPES[key.toLowerCase()])
}

/** Does the response carry anything to show beyond its message? */
export function hasResult(response: ActionResponse | null | undefined): boolean {
  return !!response?.result && Object.keys(response.result).length > 0
}

/**
 * Must the result stay on screen in the dialog? Only one-time secrets (to copy before closing) and
 * files (downloaded, with a second copy at hand). Anything else is a receipt: it goes into the
 * confirmation, and the dialog closes (the record it acted on may have moved on, e.g. approved).
 */
export function keepsDialog(response: ActionResponse | null | undefined): boolean {
  return hasResult(response) && (!!response!.once || resultFiles(response!.result!, '').length > 0)
}

/** A receipt's values on one line: "Amount: $5.00 · Valid until: Dec 21, 2026, 11:59 PM". */
export function resultSummary(response: ActionResponse, f: ResultFormat): string {
  return shownEntries(response.result ?? {})
    .map(([key, value]) => [resultLabel(key, response.resultTypes?.[key], f.lang), formatResultValue(value, response.resultTypes?.[key], f)] as const)
    .filter(([, text]) => text !== '' && !text.includes('\n') && text.length <= 120)
    .map(([label, text]) => `${label}: ${text}`)
    .join(' · ')
}
