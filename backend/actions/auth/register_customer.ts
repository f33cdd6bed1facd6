/**
 * Opens a customer account from the portal without telling the caller whether the email was
 * already taken (account enumeration): both cases get the same reply, do the same expensive
 * work (a password hash) and send one email. A new address gets its account and a welcome
 * message; the owner of an existing address is told by email that someone tried to register
 * with it. Whether the address was free is decided by the database's unique index, so two
 * simultaneous sign-ups cannot both win.
 */
import type { HttpContext } from '@adonisjs/core/http'
import { transaction } from '#services/transaction'
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import env from '#start/env'
import audit, { requestFacts } from '#services/audit'
import { registrationMessages } from './registration_messages.js'

/** What every registration request is answered, new address or not. */
export const REGISTRATION_REPLY = {
  message: 'Thank you. We have sent a message to this address. If the account is new, you can sign in now with the password you chose.',
}

export async function registerCustomer(ctx: HttpContext, input: { email: string; password: string; nickname?: string }) {
  const passwordHash = await hash.make(input.password)
  const email = input.email.toLowerCase()
  const created = await createAccount(ctx, { ...input, email }, passwordHash)
  const existing = created ? null : await db.from('customers').whereRaw('lower(email) = ?', [email]).select('id').first()
  if (existing) {
    await audit.standalone(ctx, { action: 'register.existing_email', resource: 'users', recordId: existing.id }, { type: 'system', id: null, label: email, role: null })
  }

  const origin = env.get('APP_URL') ?? `${ctx.request.protocol()}://${ctx.request.host()}`
  const content = registrationMessages(created ? 'welcome' : 'existing', { signInUrl: `${origin}/login` })
  // queued: the reply does not wait for (or reveal anything through) the mail server
  await mail.sendLater((message) => {
    message.to(email).subject(content.subject).text(content.text)
  })
  return REGISTRATION_REPLY
}

/** The new account's id, or null when the address already has one. */
async function createAccount(ctx: HttpContext, input: { email: string; nickname?: string }, passwordHash: string) {
  try {
    return await transaction(async (trx) => {
      const [row] = await trx
        .insertQuery()
        .table('customers')
        .insert({ email: input.email, password: passwordHash, nickname: input.nickname ?? null })
        .returning(['id', 'email'])
      await audit.record(trx, { action: 'register', resource: 'users', recordId: row.id, after: { email: row.email } }, {
        type: 'customer',
        id: row.id,
        label: row.email,
        role: null,
      }, requestFacts(ctx))
      return Number(row.id)
    })
  } catch (error: any) {
    if (error?.code === '23505' && /email/.test(String(error?.constraint ?? error?.detail ?? ''))) return null
    throw error
  }
}
