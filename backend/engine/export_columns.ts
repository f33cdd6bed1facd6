/**
 * The columns of a CSV export, written for the people who open it (finance first): a relation
 * is its label, with the id in its own "<Label> ID" column beside it; an enum is its label in the
 * requested language; a time is "2026-11-27 21:05:00" in the requested zone. Money and numbers
 * stay plain numbers a spreadsheet can sum.
 *
 * `_lang` (en | zh-CN, else the Accept-Language header) and `_tz` (an IANA zone, default UTC)
 * choose the language and zone (the console sends the viewer's).
 */
import { DateTime, IANAZone } from 'luxon'
import { BadRequest } from '#exceptions/domain_errors'
import type { FieldDef, Label, ResourceDef } from './types.js'
import { labelledFields, type Labels } from './labels.js'

export type Locale = keyof Label
export type ExportColumn = { header: string; cell: (shaped: Record<string, unknown>, labels: Labels) => unknown }

/** The language and zone an export is written in. */
export function exportSettings(qs: Record<string, unknown>, acceptLanguage: string | undefined) {
  const lang = typeof qs._lang === 'string' ? qs._lang : undefined
  if (lang !== undefined && lang !== 'en' && lang !== 'zh-CN') throw new BadRequest('"_lang" must be en or zh-CN')
  const locale: Locale = lang ?? ((acceptLanguage ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en')
  const tz = qs._tz === undefined ? 'UTC' : qs._tz
  if (typeof tz !== 'string' || tz.length > 64 || !IANAZone.isValidZone(tz)) throw new BadRequest('"_tz" must be a time zone such as Asia/Shanghai')
  return { locale, zone: tz }
}

export function exportColumns(resource: ResourceDef, canSeeSensitive: boolean, locale: Locale, zone: string): ExportColumn[] {
  const labelled = new Set(labelledFields(resource, canSeeSensitive).map(([name]) => name))
  const columns: ExportColumn[] = []
  for (const [name, field] of Object.entries(resource.fields)) {
    if (field.writeOnly) continue
    const header = field.label[locale] ?? name
    if (labelled.has(name)) {
      columns.push({ header, cell: (_, labels) => labels[name] ?? null })
      columns.push({ header: `${header} ID`, cell: (shaped) => shaped[name] })
      continue
    }
    if (field.type === 'datetime') {
      columns.push({ header, cell: (shaped) => readableTime(shaped[name], zone) })
      continue
    }
    columns.push({ header, cell: (shaped) => (field.type === 'enum' ? enumLabel(field, shaped[name], locale) : shaped[name]) })
  }
  return columns
}

function enumLabel(field: FieldDef, value: unknown, locale: Locale) {
  if (value === null || value === undefined) return value
  return field.options?.find((o) => o.value === value)?.label[locale] ?? value
}

function readableTime(value: unknown, zone: string) {
  if (typeof value !== 'string') return value
  const time = DateTime.fromISO(value, { zone: 'utc' }).setZone(zone)
  return time.isValid ? time.toFormat('yyyy-MM-dd HH:mm:ss') : value
}
