/**
 * Values that make a fresh clone run without a .env file.
 * SETTINGS apply everywhere; DEV_SECRETS only outside production. The secrets are public
 * (they are in the repository), so production refuses to start while any of them is in use.
 */
export const SETTINGS: Record<string, string> = {
  PORT: '3333',
  HOST: '0.0.0.0',
  LOG_LEVEL: 'info',
  SESSION_DRIVER: 'database',
}

export const DEV_SECRETS: Record<string, string> = {
  APP_KEY: 'creditdesk-development-key-not-for-production-use',
  INTERNAL_SERVICE_TOKEN: 'creditdesk-development-service-token',
  DEMO_PASSWORD: 'Demo-Pass-2026',
}
