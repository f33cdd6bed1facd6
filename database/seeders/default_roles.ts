/**
 * The five built-in roles and their default grants (super_admin holds every permission by
 * definition). Run on every start: each default grant is applied once per database, so a
 * grant added by a later release reaches existing roles, and one a super_admin removed
 * stays removed.
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
      'usage-models': ['view'],
      'price-versions': ['view'],
      'tiers': ['view', 'edit', 'export'],
      'tier-versions': ['view', 'export'],
      'tier-history': ['view', 'export'],
      'channels': ['view'],
      'channel-models': ['view'],
      'upstream-keys': ['view'],
      'api-keys': ['view', 'edit', 'export', 'disable', 'enable', 'leak_lock', 'edit_limits', 'force_roll'],
      'users': ['view', 'edit', 'export', 'view_sensitive', 'freeze', 'unfreeze', 'reset_password', 'set_tier', 'clear_tier_override', 'set_negotiated_terms', 'unlock_sign_in', 'grant_voucher'],
      'customer-sessions': ['view', 'export', 'end_session'],
      'audit-logs': ['view'],
      'accounts': ['view'],
      'ledger-transactions': ['view'],
      'ledger-entries': ['view'],
      'redemption-codes': ['view', 'generate', 'export', 'void'],
      'campaigns': ['view', 'create', 'edit', 'export', 'send'],
      'campaign-grants': ['view', 'export'],
      'orders': ['view', 'create', 'close', 'lock', 'unlock', 'sync', 'export', 'request_refund'],
      'plans': ['view'],
      'plan-versions': ['view'],
      'refunds': ['view', 'request'],
      'usage-records': ['view', 'export'],
      'holds': ['view'],
      'generations': ['view', 'hide', 'refund_credits'],
      'reports': ['view', 'export'],
      'risk-alerts': ['view', 'export', 'acknowledge', 'lock_key', 'freeze_customer', 'resolve'],
      'risk-rules': ['view', 'edit', 'export'],
    },
  },
  {
    name: 'finance',
    label: 'Finance',
    description: 'Reconciles and exports; reviews refunds; adjusts cash under maker-checker.',
    grants: {
      'usage-models': ['view', 'create', 'edit', 'export', 'set_prices'],
      'price-versions': ['view', 'export'],
      'tiers': ['view', 'edit', 'export'],
      'tier-versions': ['view', 'export'],
      'tier-history': ['view', 'export'],
      'channels': ['view', 'create', 'edit', 'export'],
      'channel-models': ['view', 'create', 'edit', 'export', 'set_costs'],
      'upstream-keys': ['view', 'create', 'edit', 'export', 'view_sensitive', 'reveal', 'rotate'],
      'api-keys': ['view', 'export', 'unlock'],
      'users': ['view', 'export', 'request_cash_adjustment', 'set_price_multiplier'],
      'customer-sessions': ['view'],
      'cash-adjustments': ['view', 'export', 'request', 'approve', 'reject'],
      'audit-logs': ['view', 'export'],
      'accounts': ['view', 'export'],
      'ledger-transactions': ['view', 'export', 'reverse'],
      'ledger-entries': ['view', 'export'],
      'redemption-codes': ['view', 'export'],
      'campaigns': ['view', 'export'],
      'campaign-grants': ['view', 'export'],
      'orders': ['view', 'export', 'confirm', 'backfill'],
      'plans': ['view', 'export'],
      'plan-versions': ['view', 'export'],
      'refunds': ['view', 'export', 'approve', 'reject', 'retry'],
      'reconciliation-runs': ['view', 'export', 'run'],
      'reconciliation-findings': ['view', 'export', 'repair'],
      'payment-events': ['view', 'export'],
      'usage-records': ['view', 'export'],
      'holds': ['view', 'export'],
      'generations': ['view', 'refund_credits'],
      'reports': ['view', 'export'],
      'risk-alerts': ['view', 'export'],
      'risk-rules': ['view'],
    },
  },
  {
    name: 'support',
    label: 'Support',
    description: 'Looks customers up and helps them back into their accounts.',
    grants: {
      'usage-models': ['view'],
      'price-versions': ['view'],
      'tiers': ['view'],
      'tier-history': ['view'],
      'channels': ['view'],
      'channel-models': ['view'],
      'upstream-keys': ['view'],
      'api-keys': ['view', 'leak_lock'],
      'users': ['view', 'view_sensitive', 'reset_password', 'unlock_sign_in'],
      'customer-sessions': ['view', 'end_session'],
      'accounts': ['view'],
      'ledger-transactions': ['view'],
      'redemption-codes': ['view'],
      'campaign-grants': ['view'],
      'orders': ['view', 'request_refund'],
      'refunds': ['view', 'request'],
      'plans': ['view'],
      'usage-records': ['view'],
      'generations': ['view', 'hide'],
      'risk-alerts': ['view'],
    },
  },
  {
    name: 'auditor',
    label: 'Auditor',
    description: 'Reads everything, changes nothing.',
    grants: {
      'usage-models': ['view', 'export'],
      'price-versions': ['view', 'export'],
      'tiers': ['view', 'export'],
      'tier-versions': ['view', 'export'],
      'tier-history': ['view', 'export'],
      'channels': ['view', 'export'],
      'channel-models': ['view', 'export'],
      'upstream-keys': ['view', 'export'],
      'api-keys': ['view', 'export'],
      'users': ['view', 'export'],
      'customer-sessions': ['view', 'export'],
      'staff': ['view', 'export'],
      'roles': ['view'],
      'audit-logs': ['view', 'export', 'verify_integrity'],
      'accounts': ['view', 'export'],
      'ledger-transactions': ['view', 'export'],
      'ledger-entries': ['view', 'export'],
      'redemption-codes': ['view', 'export'],
      'campaigns': ['view', 'export'],
      'campaign-grants': ['view', 'export'],
      'orders': ['view', 'export'],
      'plans': ['view', 'export'],
      'plan-versions': ['view', 'export'],
      'refunds': ['view', 'export'],
      'cash-adjustments': ['view', 'export'],
      'reconciliation-runs': ['view', 'export'],
      'reconciliation-findings': ['view', 'export'],
      'payment-events': ['view', 'export'],
      'usage-records': ['view', 'export'],
      'holds': ['view', 'export'],
      'generations': ['view', 'export'],
      'reports': ['view', 'export'],
      'risk-alerts': ['view', 'export'],
      'risk-rules': ['view', 'export'],
    },
  },
]

export async function ensureDefaultRoles(client: QueryClientContract) {
  for (const role of DEFAULT_ROLES) {
    await client.rawQuery(
      `INSERT INTO roles (name, label, description, is_system) VALUES (?, ?, ?, true) ON CONFLICT (name) DO NOTHING`,
      [role.name, role.label, role.description]
    )
    const { id } = await client.from('roles').where('name', role.name).first()
    for (const [resource, actions] of Object.entries(role.grants)) {
      for (const action of actions) {
        const applied = await client.rawQuery(
          `INSERT INTO applied_permission_defaults (role_name, resource, action) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1`,
          [role.name, resource, action]
        )
        if (!applied.rows.length) continue
        await client.rawQuery(
          `INSERT INTO role_permissions (role_id, resource, action) VALUES (?, ?, ?) ON CONFLICT (role_id, resource, action) DO NOTHING`,
          [id, resource, action]
        )
      }
    }
  }
}
