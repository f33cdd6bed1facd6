/**
 * Finished exports past their expiry: the file is deleted and the row marked expired (its link
 * already stopped working at `expires_at`; this frees the disk). Safe to run again.
 */
import { rm } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import { exportFile } from './rows.js'

export async function expireReportExports(now = new Date()) {
  const due = await db.from('report_exports').where('status', 'done').where('expires_at', '<=', now).select('id', 'file_path').limit(500)
  for (const row of due) {
    if (row.file_path) await rm(exportFile(row.file_path), { force: true })
    await db.from('report_exports').where('id', row.id).where('status', 'done').update({ status: 'expired', file_path: null })
  }
  return due.length
}
