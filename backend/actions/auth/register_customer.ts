/**
 * Opens a customer account from the portal. A duplicate email is a field error on `email`,
 * decided by the database's unique index so two simultaneous sign-ups cannot both win.
 */
import type { HttpContext } from '@adonisjs/core/http'
import { transaction } from '#services/transaction'
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import audit from '#services/audit'
import { InvalidInput } from '#exceptions/domain_errors'

export async function registerCustomer(ctx: HttpContext, input: { email: string; password: string; nickname?: string }) {
  const exists = await db.from('customers').whereRaw('lower(email) = ?', [input.email]).first()
  if (exists) throw duplicate()
  const passwordHash = await hash.make(input.password)
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
      }, { ip: ctx.request.ip(), userAgent: ctx.request.header('user-agent') ?? null, requestId: ctx.request.id() ?? null })
      return row
    })
  } catch (error: any) {
    if (error?.code === '23505') throw duplicate()
    throw error
  }
}

function duplicate() {
  return new InvalidInput([{ field: 'email', message: 'An account with this email already exists', rule: 'unique' }])
}
