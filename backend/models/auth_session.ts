import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A signed-in browser of a staff member or a customer (see the migration for why). */
export default class AuthSession extends BaseModel {
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare subjectType: 'staff' | 'customer'

  @column()
  declare subjectId: number

  @column()
  declare sessionId: string

  @column()
  declare ip: string | null

  @column()
  declare userAgent: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true })
  declare lastSeenAt: DateTime

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column()
  declare revokedReason: string | null
}
