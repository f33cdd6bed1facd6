import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import RolePermission from './role_permission.js'

/** A staff role. `super_admin` is a system role that holds every permission. */
export default class Role extends BaseModel {
  static SUPER_ADMIN = 'super_admin'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare label: string

  @column()
  declare description: string | null

  @column()
  declare isSystem: boolean

  @hasMany(() => RolePermission)
  declare permissions: HasMany<typeof RolePermission>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
