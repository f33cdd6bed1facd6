/** "6.0000" (percent as stored) → "6%", "12.5" → "12.5%", in the reader's number format. */
export function formatRate(value: unknown, locale: string): string {
  const n = Number(value)
  if (value === null || value === undefined || value === '' || !Number.isFinite(n)) return ''
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 4 }).format(n / 100)
}

export const isSet = (value: unknown) => value !== null && value !== undefined && value !== ''
