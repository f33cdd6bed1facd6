/**
 * A report as CSV: a BOM (so spreadsheets read UTF-8), one header line of the column labels in
 * the reader's language, the rows, and the totals line. Cells go through the engine's CSV rules
 * (formula-looking text is neutralised, decimals stay numbers).
 */
import type { ReportResult } from '#contract/reports'
import { csvLine } from '#engine/csv'

export type CsvLocale = 'en' | 'zh-CN'

export function reportCsv(result: ReportResult, locale: CsvLocale): string {
  const keys = result.columns.map((c) => c.key)
  let text = '\uFEFF' + csvLine(result.columns.map((c) => c.label[locale]))
  for (const row of result.rows) text += csvLine(keys.map((k) => row[k]))
  if (result.totals) text += csvLine(keys.map((k, i) => (i === 0 && result.totals![k] === null ? (locale === 'zh-CN' ? '合计' : 'Total') : result.totals![k])))
  return text
}

/** The file name of a report's CSV: the report, its range and granularity. */
export const reportFileName = (result: Pick<ReportResult, 'id' | 'from' | 'to' | 'granularity'>) => `${result.id}-${result.from}-${result.to}-${result.granularity}.csv`

/** en or zh-CN, from `_lang`/`lang` or Accept-Language. */
export function csvLocale(query: Record<string, unknown>, acceptLanguage?: string | null): CsvLocale {
  const asked = String(query._lang ?? query.lang ?? acceptLanguage ?? '')
  return /^zh/i.test(asked) ? 'zh-CN' : 'en'
}
