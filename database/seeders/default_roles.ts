/**
 * The five built-in roles and their default grants. super_admin is not listed: it holds
 * every permission by definition. Run on every start (idempotent): a role that exists keeps
 * the grants an administrator gave it.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

export const DEFAULT_ROLES: Array<{ name: string; label: string; description: string; grants: Record<string, string[]> }> = [
  {
    name: 'super_admin',
    label: 'Super admin',
    description: 'Everything, including staff, roles and the permission matrix.',
    grants: {},
  },
  {
    name: 'operations',
    label: 'Operations',
    description: 'Runs the business day to day: customers, freezes, tiers.',
    grants: {
      'users': ['view', 'edit', 'export', 'view_sensitive', 'freeze', 'unfreeze', 'reset_password', 'set_tier'],
      'audit-logs': ['view'],
    },
  },
  {
    name: 'finance',
    label: 'Finance',
    description: 'Reconciles and exports; reviews refunds.',
    grants: {
      'users': ['view', 'export'],
      'audit-logs': ['view', 'export'],
    },
  },
  {
    name: 'support',
    label: 'Support',
    description: 'Looks customers up and helps them back into their accounts.',
    grants: {
      users: ['view', 'view_sensitive', 'reset_password'],
    },
  },
  {
    name: 'auditor',
    label: 'Auditor',
    description: 'Reads everything, changes nothing.',
    grants: {
      'users': ['view', 'export'],
      'staff': ['view', 'export'],
      'roles': ['view'],
      'audit-logs': ['view', 'export'],
    },
  },
]

export async function ensureDefaultRoles(client: QueryClientContract) {
  for (const role of DEFAULT_ROLES) {
    const existing = await client.from('roles').where('name', role.name).first()
    if (existing) continue
    const [created] = await client
      .insertQuery()
      .table('roles')
      .insert({ name: role.name, label: role.label, description: role.description, is_system: true })
      .returning('id')
    const rows = Object.entries(role.grants).flatMap(([resource, actions]) => actions.map((action) => ({ role_id: created.id, resource, action })))
    if (rows.length) await client.insertQuery().table('role_permissions').multiInsert(rows)
  }
}
