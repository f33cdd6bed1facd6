import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * An IANA time zone both sides know: the runtime's Intl (which the console and portal format
 * with) and PostgreSQL's zone database (which cuts the quota periods; the column's CHECK).
 */
export async function isTimeZone(client: QueryClientContract, zone: string): Promise<boolean> {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
  } catch {
    return false
  }
  const { rows } = await client.rawQuery('SELECT is_time_zone(?) AS ok', [zone])
  return rows[0].ok === true
}
