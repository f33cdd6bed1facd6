import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** An end user of the platform. Signs in to the portal through the `customer` guard. */
export default class Customer extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare email: string

  @column()
  declare nickname: string | null

  @column()
  declare phone: string | null

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare type: 'individual' | 'organization'

  @column()
  declare orgType: string | null

  @column()
  declare isDeveloper: boolean

  @column()
  declare verificationStatus: 'unverified' | 'pending' | 'verified' | 'rejected'

  @column()
  declare tier: string

  @column()
  declare frozen: boolean

  @column()
  declare frozenReason: string | null

  @column.dateTime()
  declare frozenAt: DateTime | null

  @column()
  declare remark: string | null

  @column()
  declare tags: string[]

  @column({ serializeAs: null })
  declare passwordResetHash: string | null

  @column.dateTime({ serializeAs: null })
  declare passwordResetExpiresAt: DateTime | null

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isFrozen() {
    return this.frozen
  }
}
