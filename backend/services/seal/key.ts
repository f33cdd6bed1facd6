/**
 * The seal key: AUDIT_SEAL_KEY, or (outside production) one derived from APP_KEY. It lives only
 * in the application's environment, never in the database, so rewriting rows cannot re-seal them.
 */
import { createHmac } from 'node:crypto'

export function sealKey(): Buffer {
  const configured = process.env.AUDIT_SEAL_KEY
  if (configured) return Buffer.from(configured, 'utf8')
  return createHmac('sha256', String(process.env.APP_KEY)).update('creditdesk audit seal key').digest()
}
