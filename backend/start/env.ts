/*
|--------------------------------------------------------------------------
| Environment variables
|--------------------------------------------------------------------------
|
| Validated once at boot. A fresh clone has no .env: development and test
| get working local defaults, production refuses to start with them
| (see backend/services/production_guard.ts).
*/
import { Env } from '@adonisjs/core/env'
import { DEV_SECRETS, SETTINGS } from '../services/dev_defaults.js'

process.env.NODE_ENV ??= 'development'
const defaults = process.env.NODE_ENV === 'production' ? SETTINGS : { ...SETTINGS, ...DEV_SECRETS }
for (const [key, value] of Object.entries(defaults)) {
  if (process.env[key] === undefined || process.env[key] === '') process.env[key] = value
}

export default await Env.create(new URL('../../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.string(),
  DATABASE_URL: Env.schema.string.optional(),
  /* The application's and the audit-pruning roles (backend/start/database.ts); DATABASE_URL is the owner */
  DATABASE_APP_URL: Env.schema.string.optional(),
  DATABASE_MAINTENANCE_URL: Env.schema.string.optional(),
  /* Key of the audit and ledger seals (backend/services/seal); derived from APP_KEY when unset, required in production */
  AUDIT_SEAL_KEY: Env.schema.string.optional(),
  SESSION_DRIVER: Env.schema.enum(['database', 'cookie'] as const),
  INTERNAL_SERVICE_TOKEN: Env.schema.string(),
  DEMO_PASSWORD: Env.schema.string.optional(),
  SEED_DEMO: Env.schema.boolean.optional(),
  JOBS_ENABLED: Env.schema.boolean.optional(),
  AUTH_REQUESTS_PER_MINUTE: Env.schema.number.optional(),
  AUDIT_RETENTION_DAYS: Env.schema.number.optional(),
  LEDGER_ASSET: Env.schema.enum.optional(['USD', 'CREDIT'] as const),
  LEDGER_DEDUCTION_ORDER: Env.schema.enum.optional(['gift_first', 'cash_first'] as const),
  CODE_PREFIX: Env.schema.string.optional(),
  CODE_HASH_KEY: Env.schema.string.optional(),

  /* Payments (config/payments.ts): all optional; card payments are off until the Stripe keys are set */
  STRIPE_SECRET_KEY: Env.schema.string.optional(),
  STRIPE_WEBHOOK_SECRET: Env.schema.string.optional(),
  STRIPE_API_HOST: Env.schema.string.optional(),
  STRIPE_API_PORT: Env.schema.number.optional(),
  STRIPE_API_PROTOCOL: Env.schema.enum.optional(['http', 'https'] as const),
  PAYMENT_CURRENCY: Env.schema.string.optional(),
  ORDER_PENDING_TIMEOUT_MINUTES: Env.schema.number.optional(),
  OFFLINE_ORDER_TIMEOUT_MINUTES: Env.schema.number.optional(),
  OFFLINE_SECOND_APPROVAL_ABOVE: Env.schema.string.optional(),
  PORTAL_ORDERS_PER_HOUR: Env.schema.number.optional(),

  /* Refunds and reconciliation (backend/actions/refunds, backend/actions/reconciliation): all optional */
  REFUND_MINIMUM: Env.schema.string.optional(),
  MONITOR_INTERVAL_MINUTES: Env.schema.number.optional(),
  MONITOR_AUTO_REPAIR: Env.schema.boolean.optional(),
  ALERT_WEBHOOK_URL: Env.schema.string.optional(),
  ADMIN_API_KEY: Env.schema.string.optional(),

  /* Rate-limit windows shared by several instances (config/redis.ts); unset = in this process */
  REDIS_URL: Env.schema.string.optional(),

  /* Report exports (config/reports.ts): where their files go (default .data/report-exports) and how long links work */
  REPORT_EXPORT_DIR: Env.schema.string.optional(),
  REPORT_EXPORT_LINK_HOURS: Env.schema.number.optional(),

  /* Stored files (config/drive.ts, config/creditdesk.ts `files`): local disk by default, an S3-compatible bucket when S3_BUCKET is set */
  FILES_DIR: Env.schema.string.optional(),
  FILES_MAX_BYTES: Env.schema.number.optional(),
  FILES_TYPES: Env.schema.string.optional(),
  S3_BUCKET: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional(),
  S3_FORCE_PATH_STYLE: Env.schema.boolean.optional(),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),

  /* Mail (config/mail.ts): SMTP when SMTP_HOST is set, else the local outbox (tmp/mail/) */
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USER: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  MAIL_FROM: Env.schema.string.optional(),
})
