import { formatUnits, LEDGER_SCALE, toUnits } from '@creditdesk/contract/money'
import type { BaseRecord } from '@refinedev/core'

/**
 * A bill's period [start, end) as the calendar dates it covers, in the zone the bill was cut in
 * ("Nov 1 – 30, 2026"): a period is a calendar notion, so it is not moved into the reader's zone
 * (where a UTC month would seem to end on the 1st); the language is the reader's.
 */
export function formatPeriod(start: unknown, end: unknown, locale: string, timeZone = 'UTC'): string {
  const from = new Date(String(start))
  const to = new Date(new Date(String(end)).getTime() - 1)
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return ''
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: safeZone(timeZone) })
  if (to < from) return format.format(from)
  // ICU builds without the Chinese range patterns print "2026/10/1 – 2026/10/31": spell both dates
  if (locale.startsWith('zh')) return `${format.format(from)}至${format.format(to)}`
  return format.formatRange(from, to)
}

function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone
  } catch {
    return 'UTC'
  }
}

/** What is still owed on a bill row: its `outstanding` when the view has one, else due − paid − credited. */
export function outstandingOf(bill: BaseRecord): string {
  if (typeof bill.outstanding === 'string') return bill.outstanding
  const units = (v: unknown) => (typeof v === 'string' && v ? toUnits(v) : 0n)
  const rest = units(bill.amount_due) - units(bill.paid) - units(bill.credited)
  return formatUnits(rest > 0n ? rest : 0n, LEDGER_SCALE)
}

export function sumOutstanding(bills: readonly BaseRecord[]): string {
  return formatUnits(bills.reduce((acc, b) => acc + toUnits(outstandingOf(b)), 0n), LEDGER_SCALE)
}
