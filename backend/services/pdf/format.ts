/**
 * How a PDF writes figures: amounts through the contract's money rules (the same text the screens
 * show, with the currency), quantities grouped without losing a digit, rates as percentages, and
 * times in the reader's zone.
 */
import { DateTime } from 'luxon'
import { formatMoney, parseDecimal } from '#contract/money'
import type { PdfLang } from './labels.js'

export const money = (value: string, currency: string, lang: PdfLang) => formatMoney(value, currency, { locale: lang })

/** A quantity as a grouped decimal ("1234567.000000" → "1,234,567"), exact. */
export const quantity = (value: string, lang: PdfLang) => formatMoney(value, '', { locale: lang })

/** A stored rate in percent ("6.0000" → "6%", "12.5000" → "12.5%"). */
export function rate(value: string): string {
  const d = parseDecimal(value)
  if (!d) return value
  return `${d.negative ? '-' : ''}${d.int}${d.frac ? '.' + d.frac : ''}%`
}

/** A valid IANA zone, else the fallback. */
export function zoneOr(zone: string | null | undefined, fallback: string): string {
  if (zone && DateTime.now().setZone(zone).isValid) return zone
  return DateTime.now().setZone(fallback).isValid ? fallback : 'UTC'
}

/** An ISO time as a date in the zone ("2026-11-01"), or null. */
export function day(iso: string | null, zone: string): string | null {
  if (!iso) return null
  const time = DateTime.fromISO(iso, { setZone: false }).setZone(zone)
  return time.isValid ? time.toFormat('yyyy-LL-dd') : iso
}

/** An ISO time with the minute, in the zone ("2026-11-01 08:30"). */
export function minute(iso: string | null, zone: string): string | null {
  if (!iso) return null
  const time = DateTime.fromISO(iso, { setZone: false }).setZone(zone)
  return time.isValid ? time.toFormat('yyyy-LL-dd HH:mm') : iso
}

/**
 * A period [start, end) as the dates it covers: the end is exclusive, so the last day shown is the
 * one before it ("2026-11-01 – 2026-11-30" for November).
 */
export function period(start: string, end: string, zone: string): string {
  const from = DateTime.fromISO(start).setZone(zone)
  const to = DateTime.fromISO(end).setZone(zone).minus({ milliseconds: 1 })
  if (!from.isValid || !to.isValid) return `${start} – ${end}`
  return `${from.toFormat('yyyy-LL-dd')} – ${to.toFormat('yyyy-LL-dd')}`
}
