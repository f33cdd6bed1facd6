import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, transports } from '@adonisjs/mail'
import { OutboxTransport } from '#services/mail_outbox'

/**
 * Mail goes through SMTP when SMTP_HOST is set. Otherwise it stays on this machine in the
 * outbox (backend/services/mail_outbox.ts): kept in memory, and outside tests written to
 * tmp/mail/ as .eml and .json files.
 */
const mailConfig = defineConfig({
  default: env.get('SMTP_HOST') ? 'smtp' : 'outbox',
  from: env.get('MAIL_FROM') ?? 'Creditdesk <no-reply@creditdesk.local>',
  mailers: {
    smtp: transports.smtp({
      host: env.get('SMTP_HOST') ?? 'localhost',
      port: env.get('SMTP_PORT') ?? 587,
      secure: env.get('SMTP_PORT') === 465,
      ...(env.get('SMTP_USER') ? { auth: { type: 'login' as const, user: env.get('SMTP_USER')!, pass: env.get('SMTP_PASSWORD') ?? '' } } : {}),
    }),
    outbox: () => new OutboxTransport(app.inTest ? null : app.tmpPath('mail')),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
