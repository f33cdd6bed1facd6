/**
 * Positional bindings for `rawQuery`. Lucid's binding type leaves out `null`, which PostgreSQL (and
 * knex underneath) take as SQL NULL; this is the one place that says so.
 */
export type SqlValue = string | number | boolean | Date | null

export function sqlBindings(values: SqlValue[]): any[] {
  return values
}
