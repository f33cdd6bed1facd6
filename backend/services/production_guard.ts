/**
 * Production refuses to start with the development secrets (they are public, in the repository)
 * or with short ones. Checked before anything connects to a database.
 */
import { DEV_SECRETS } from './dev_defaults.js'

const REQUIRED_SECRETS = ['APP_KEY', 'INTERNAL_SERVICE_TOKEN', 'CODE_HASH_KEY', 'AUDIT_SEAL_KEY']

export function refuseUnsafeProduction() {
  if (process.env.NODE_ENV !== 'production') return
  const unsafe = REQUIRED_SECRETS.filter((key) => {
    const value = String(process.env[key] ?? '')
    return value === DEV_SECRETS[key] || value.length < 32
  })
  if (unsafe.length) {
    throw new Error(`Refusing to start in production: set ${unsafe.join(', ')} to secret values of 32+ characters (not the development defaults).`)
  }
}
