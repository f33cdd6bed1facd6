/**
 * Bouncer abilities. One ability decides every console permission: may this staff member
 * perform `action` on `resource`, according to the permission matrix in the database.
 */
import { Bouncer } from '@adonisjs/bouncer'
import type Staff from '#models/staff'
import permissions from '#services/permissions'

export const perform = Bouncer.ability(async (staff: Staff, resource: string, action: string) => {
  if (staff.status !== 'active') return false
  return permissions.allows(staff.roleId, resource, action)
})
