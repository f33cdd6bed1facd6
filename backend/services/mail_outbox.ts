/**
 * The mail transport used when no SMTP server is configured (development, tests, a demo).
 * Nothing leaves the machine: each message is kept in memory (the last 200, for tests and
 * `outbox.to(email)`) and, outside tests, written to tmp/mail/ as a `.eml` file any mail client
 * opens plus a `.json` summary, so a developer can read what the app sent.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { createTransport } from 'nodemailer'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

export type OutboxMessage = { id: string; to: string[]; from: string; subject: string; text: string; sentAt: string; file: string | null }

const KEEP = 200

class Outbox {
  messages: OutboxMessage[] = []

  to(email: string) {
    return this.messages.filter((m) => m.to.includes(email.toLowerCase()))
  }

  clear() {
    this.messages = []
  }
}

export const outbox = new Outbox()

export class OutboxTransport implements MailTransportContract {
  #render = createTransport({ streamTransport: true, buffer: true, newline: 'unix' })

  constructor(private directory: string | null) {}

  async send(message: NodeMailerMessage) {
    const info = await this.#render.sendMail(message)
    const id = randomUUID()
    let file: string | null = null
    if (this.directory) {
      await mkdir(this.directory, { recursive: true })
      file = join(this.directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}`)
      await writeFile(`${file}.eml`, info.message as Buffer)
    }
    const entry: OutboxMessage = {
      id,
      to: info.envelope.to.map((address) => address.toLowerCase()),
      from: String(info.envelope.from),
      subject: String(message.subject ?? ''),
      text: String(message.text ?? ''),
      sentAt: new Date().toISOString(),
      file: file ? `${file}.eml` : null,
    }
    if (file) await writeFile(`${file}.json`, JSON.stringify(entry, null, 2))
    outbox.messages.push(entry)
    if (outbox.messages.length > KEEP) outbox.messages.splice(0, outbox.messages.length - KEEP)
    return new MailResponse(info.messageId, info.envelope, info)
  }
}
