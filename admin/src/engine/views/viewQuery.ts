/**
 * A list "view" is its URL query minus the page it was on: filters, sort, page size, columns (and so
 * the quick tab, which is a filter). Stored as the search string itself, so applying a view is
 * navigating to it and a shared link and a saved view are the same thing.
 */
const NOT_PART_OF_A_VIEW = ['currentPage', 'current']

export function viewQueryOf(search: string): string {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search)
  for (const key of NOT_PART_OF_A_VIEW) params.delete(key)
  return decodeBrackets(params.toString())
}

/** `filters%5B0%5D%5Bfield%5D` → `filters[0][field]`: the form Refine itself writes, readable when stored. */
const decodeBrackets = (query: string) => query.replace(/%5B/gi, '[').replace(/%5D/gi, ']')

/** Two queries name the same view when they hold the same parameters, whatever their order. */
export function sameView(a: string, b: string): boolean {
  const norm = (q: string) => [...new URLSearchParams(viewQueryOf(q)).entries()].map(([k, v]) => `${k}=${v}`).sort().join('&')
  return norm(a) === norm(b)
}
