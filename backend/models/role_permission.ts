import { BaseModel, column } from '@adonisjs/lucid/orm'

/** One granted (resource, action) pair of a role. */
export default class RolePermission extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare roleId: number

  @column()
  declare resource: string

  @column()
  declare action: string
}
