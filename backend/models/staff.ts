import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Role from './role.js'

/** A console user. Signs in through the `staff` guard. */
export default class Staff extends BaseModel {
  static table = 'staff'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare email: string

  @column()
  declare name: string

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare roleId: number

  @belongsTo(() => Role)
  declare role: BelongsTo<typeof Role>

  @column()
  declare status: 'active' | 'frozen'

  @column()
  declare frozenReason: string | null

  @column.dateTime()
  declare frozenAt: DateTime | null

  @column()
  declare locale: string

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isFrozen() {
    return this.status === 'frozen'
  }
}
