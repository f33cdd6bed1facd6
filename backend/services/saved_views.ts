/** A saved list view as stored, and as the console receives it. */
import type { SavedView } from '#contract/meta'

export type SavedViewRow = { id: string | number; staff_id: number; resource: string; name: string; query: string; created_at: Date }

export const presentSavedView = (row: SavedViewRow): SavedView => ({
  id: Number(row.id),
  resource: row.resource,
  name: row.name,
  query: row.query,
  created_at: new Date(row.created_at).toISOString(),
})
