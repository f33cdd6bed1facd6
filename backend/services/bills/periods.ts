/**
 * Billing periods of a postpaid organization, in UTC: monthly = a calendar month; custom =
 * `bill_anchor + n × bill_cycle_days`. A period is [start, end). Only periods aligned on the
 * organization's cycle are billed, so two bills can never overlap.
 */
import { InvalidInput } from '#exceptions/domain_errors'

export type Period = { start: Date; end: Date }
export type CycleSettings = { bill_cycle: 'monthly' | 'custom'; bill_cycle_days: number | null; bill_anchor: Date | string | null }

const DAY = 86_400_000

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1))

function anchorOf(org: CycleSettings): number {
  const anchor = org.bill_anchor instanceof Date ? org.bill_anchor : new Date(`${org.bill_anchor}T00:00:00Z`)
  return Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate())
}

/** The latest period that has ended by `now`, or null (a custom cycle whose first period is still open). */
export function lastFinishedPeriod(org: CycleSettings, now = new Date()): Period | null {
  if (org.bill_cycle === 'monthly') {
    const end = monthStart(now.getUTCFullYear(), now.getUTCMonth())
    return { start: monthStart(end.getUTCFullYear(), end.getUTCMonth() - 1), end }
  }
  const days = Number(org.bill_cycle_days)
  const anchor = anchorOf(org)
  const n = Math.floor((now.getTime() - anchor) / (days * DAY))
  if (n < 1) return null
  return { start: new Date(anchor + (n - 1) * days * DAY), end: new Date(anchor + n * days * DAY) }
}

/** Checks that a requested period is one of the organization's and has ended. */
export function assertBillablePeriod(org: CycleSettings, period: Period, now = new Date()) {
  const refuse = (message: string) => {
    throw new InvalidInput([{ field: 'period_start', message, rule: 'period' }])
  }
  if (!(period.end > period.start)) refuse('The period must end after it starts')
  if (period.end > now) refuse('Only a period that has ended can be billed')
  if (org.bill_cycle === 'monthly') {
    const s = period.start
    const expectedEnd = monthStart(s.getUTCFullYear(), s.getUTCMonth() + 1)
    if (s.getTime() !== monthStart(s.getUTCFullYear(), s.getUTCMonth()).getTime() || period.end.getTime() !== expectedEnd.getTime()) {
      refuse('A monthly bill covers one calendar month (UTC): from the 1st 00:00 to the next 1st')
    }
    return
  }
  const step = Number(org.bill_cycle_days) * DAY
  const offset = period.start.getTime() - anchorOf(org)
  if (offset < 0 || offset % step !== 0 || period.end.getTime() - period.start.getTime() !== step) {
    refuse(`This organization is billed every ${org.bill_cycle_days} days from ${new Date(anchorOf(org)).toISOString().slice(0, 10)}: the period must be one of those`)
  }
}

/** "2026-10" → October 2026 (UTC); null when the text is not a month. */
export function monthPeriod(month: string): Period | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month)
  if (!match) return null
  const year = Number(match[1])
  const index = Number(match[2]) - 1
  return { start: monthStart(year, index), end: monthStart(year, index + 1) }
}
