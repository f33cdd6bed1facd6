/**
 * What the database says about a resource's columns, read once per table: the NOT NULL ones.
 * Input validation derives "may this field be cleared?" from here, so a declaration cannot
 * drift from the schema and a `null` for a NOT NULL column is a 422 naming the field rather
 * than a constraint error from PostgreSQL.
 */
import db from '@adonisjs/lucid/services/db'

const notNullByTable = new Map<string, Promise<Set<string>>>()

export function notNullColumns(table: string): Promise<Set<string>> {
  let found = notNullByTable.get(table)
  if (!found) {
    found = db
      .rawQuery(
        `SELECT column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ? AND is_nullable = 'NO'`,
        [table]
      )
      .then((result) => new Set<string>(result.rows.map((r: { column_name: string }) => r.column_name)))
    // a failed read is not remembered: the next request asks again
    found.catch(() => notNullByTable.delete(table))
    notNullByTable.set(table, found)
  }
  return found
}
