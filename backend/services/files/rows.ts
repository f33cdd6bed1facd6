/** A stored_files row as read (migration 0061), and how it leaves the API. */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { FilePurpose, StoredFileWire } from '#contract/files'

export type StoredFileRow = {
  id: string | number
  disk: string
  key: string
  purpose: FilePurpose
  original_name: string
  mime_type: string
  size: string | number
  sha256: string
  uploaded_by_staff_id: number | null
  uploaded_by_customer_id: string | number | null
  created_at: Date
}

export const presentFile = (row: StoredFileRow): StoredFileWire => ({
  id: Number(row.id),
  name: row.original_name,
  size: Number(row.size),
  mime_type: row.mime_type,
})

/** A file by id (a well-formed positive id), or null. */
export async function findFile(id: unknown, client: QueryClientContract = db.connection()): Promise<StoredFileRow | null> {
  const text = String(id ?? '')
  if (!/^[1-9]\d{0,17}$/.test(text)) return null
  return (await client.from('stored_files').where('id', text).first()) ?? null
}

/** The ids among `ids` that are not stored files (of `purpose`, when given). */
export async function missingFiles(ids: number[], purpose?: FilePurpose, client: QueryClientContract = db.connection()) {
  if (!ids.length) return []
  const query = client.from('stored_files').whereIn('id', ids).select('id')
  if (purpose) query.where('purpose', purpose)
  const found = new Set((await query).map((row) => Number(row.id)))
  return ids.filter((id) => !found.has(id))
}
