/**
 * Opens a customer account from the portal without telling the caller whether the email was
 * already taken (account enumeration): both cases get the same reply, do the same expensive
 * work (a password hash) and send one email. A new address gets its account and a welcome
 * message; the owner of an existing address is told by email that someone tried to register
 * with it. Whether the address was free is decided by the database's unique index
 * (`ON CONFLICT DO NOTHING`), so two simultaneous sign-ups cannot both win.
 */
import hash from '@adonisjs/core/services/hash'
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { registrationMessages } from '#services/auth/registration_messages'

/** What every registration request is answered, new address or not. */
export const REGISTRATION_REPLY = {
  message: 'Thank you. We have sent a message to this address. If the account is new, you can sign in now with the password you chose.',
}

export type Registration = { email: string; password: string; nickname?: string }

const registerCustomer: UseCase<Registration, typeof REGISTRATION_REPLY> = {
  async handle(input, { trx, facts }) {
    const passwordHash = await hash.make(input.password)
    const email = input.email.toLowerCase()
    const { rows } = await trx.rawQuery('INSERT INTO customers (email, password, nickname) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id, email', [
      email,
      passwordHash,
      input.nickname ?? null,
    ] as any[])
    const created: { id: string; email: string } | undefined = rows[0]
    if (created) {
      const actor = { type: 'customer' as const, id: Number(created.id), label: created.email, role: null }
      await audit.record(trx, { action: 'register', resource: 'users', recordId: created.id, after: { email: created.email } }, actor, facts)
    } else {
      const existing: { id: string } | null = await trx.from('customers').whereRaw('lower(email) = ?', [email]).select('id').first()
      const actor = { type: 'system' as const, id: null, label: email, role: null }
      if (existing) await audit.record(trx, { action: 'register.existing_email', resource: 'users', recordId: existing.id }, actor, facts)
    }

    const origin = env.get('APP_URL') ?? facts.origin ?? ''
    const content = registrationMessages(created ? 'welcome' : 'existing', { signInUrl: `${origin}/login` })
    // queued once the account is committed (a retried transaction never mails twice); the reply
    // does not wait for (or reveal anything through) the mail server
    trx.after('commit', () =>
      mail
        .sendLater((message) => {
          message.to(email).subject(content.subject).text(content.text)
        })
        .catch((error) => logger.error({ err: error }, 'could not queue the registration email'))
    )
    return REGISTRATION_REPLY
  },
}
export default registerCustomer
