/**
 * CSV cells that a spreadsheet would run as a formula (= + - @ tab CR) are prefixed with a
 * quote; quotes, commas and line breaks are escaped the RFC 4180 way. A plain decimal number
 * ("-9.900000", "-5") is data, not a formula: it stays as it is, so a negative amount still
 * sums in the spreadsheet.
 */
const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text = Array.isArray(value) ? value.join('; ') : typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`
  if (/[",\r\n]/.test(text) || text !== text.trim()) text = `"${text.replace(/"/g, '""')}"`
  return text
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n'
}
