import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Conflict } from '#exceptions/domain_errors'
import type { StaffRow } from './rows.js'

/**
 * Someone must always be able to administer the system: refuses a change that would leave
 * no active super_admin. The super_admin rows are locked so two simultaneous demotions
 * cannot both pass.
 */
export async function assertNotLastSuperAdmin(trx: TransactionClientContract, staff: Pick<StaffRow, 'id'> | Record<string, any>, verb: string) {
  const admins = await trx
    .from('staff')
    .join('roles', 'roles.id', 'staff.role_id')
    .where('roles.name', 'super_admin')
    .where('staff.status', 'active')
    .select('staff.id')
    .forUpdate()
  const ids = admins.map((a: { id: number }) => Number(a.id))
  if (ids.includes(Number(staff.id)) && ids.length <= 1) {
    throw new Conflict(`Cannot ${verb} the last active super_admin`)
  }
}
