import tiersEn from './tiers.en'
import reportsEn from './reports.en'
import filesEn from './files.en'
import orgsEn from './orgs.en'
import billsEn from './bills.en'

/** English UI strings. Keys follow Refine's conventions (buttons.*, actions.*, notifications.*). */
const en = {
  app: { title: 'Creditdesk', tagline: 'Staff console' },
  buttons: {
    create: 'Create', edit: 'Edit', show: 'View', delete: 'Delete', save: 'Save', cancel: 'Cancel',
    confirm: 'Are you sure?', logout: 'Sign out', refresh: 'Refresh', filter: 'Filter', clear: 'Clear',
    list: 'List', clone: 'Clone', export: 'Export CSV', reveal: 'Reveal', hide: 'Hide', reset: 'Reset',
    columns: 'Columns', more: 'More', close: 'Close', retry: 'Retry', ok: 'OK',
    collapseMenu: 'Collapse menu', expandMenu: 'Expand menu',
    notAccessTitle: "You don't have permission to do this",
  },
  actions: { list: 'List', create: 'Create', edit: 'Edit', show: 'Details', clone: 'Clone' },
  notifications: {
    success: 'Success', error: 'Error (status code: {{statusCode}})',
    createSuccess: 'Created {{resource}}', createError: 'Could not create {{resource}} (status code: {{statusCode}})',
    editSuccess: 'Saved {{resource}}', editError: 'Could not save {{resource}} (status code: {{statusCode}})',
    deleteSuccess: 'Deleted {{resource}}', deleteError: 'Could not delete {{resource}} (status code: {{statusCode}})',
    undoable: 'You have {{seconds}} seconds to undo',
  },
  warnWhenUnsavedChanges: 'Are you sure you want to leave? You have unsaved changes.',
  documentTitle: { default: 'Creditdesk', suffix: ' | Creditdesk' },
  common: { yes: 'Yes', no: 'No', all: 'All', empty: 'No data', loading: 'Loading…', from: 'From', to: 'To', id: 'ID' },
  header: { language: 'Language', signedInAs: 'Signed in as' },
  menu: { dashboard: 'Dashboard', rolesPolicies: 'Roles & policies', usageGrouped: 'Usage by …', reports: 'Reports' },
  reports: reportsEn,
  usage: {
    title: 'Usage by model, channel, key or customer', by: { model: 'Model', channel: 'Channel', key: 'Key prefix', customer: 'Customer' },
    range: 'Date range', anyStatus: 'Any status', none: '(none)', totals: 'Totals', requests: 'Requests',
    input_tokens: 'Input tokens', output_tokens: 'Output tokens', cache_read_tokens: 'Cache read tokens', cache_write_tokens: 'Cache write tokens',
    charged: 'Charged', cost: 'Provider cost', margin: 'Margin', cache_savings: 'Cache savings',
    topGroups: 'The 200 groups with the highest charge; the totals cover every matching request.',
  },
  pages: {
    login: {
      title: 'Sign in to Creditdesk', subtitle: 'Staff console',
      fields: { email: 'Email', password: 'Password' },
      signin: 'Sign in',
      errors: {
        requiredEmail: 'Enter your email', validEmail: 'Enter a valid email address', requiredPassword: 'Enter your password',
        invalid: 'Email or password is incorrect.', locked: 'Too many attempts. Try again in {{seconds}} s.',
        lockedNoTime: 'Too many attempts. Try again later.', network: 'The server could not be reached. Try again.',
      },
    },
    error: {
      notFound: 'This page does not exist.', forbidden: 'You do not have access to this page.',
      backHome: 'Back to dashboard', metaFailed: 'The console could not load its configuration.',
      unknownResource: 'Unknown resource “{{name}}”.',
    },
  },
  list: {
    search: 'Search…', total: 'Total {{count}}', actions: 'Actions', selected: '{{count}} selected',
    columns: 'Columns', resetColumns: 'Show all', clearFilters: 'Clear filters', rangeMin: 'Min', rangeMax: 'Max',
    noRecords: 'No records match', selectAll: 'Any',
    moreFilters: 'More filters', clearAll: 'Clear all', showResults: 'Show results', totals: 'Totals of the filtered rows', count: 'Count',
  },
  views: {
    title: 'Views', none: 'No saved views yet', name: 'View name', save: 'Save', saved: 'View “{{name}}” saved',
    saveHint: 'Save the current filters, sort and columns', delete: 'Delete view “{{name}}”',
  },
  show: { details: 'Details', history: 'History', noHistory: 'No changes recorded yet.', related: 'Related', noRelated: 'None yet', allRows: 'All {{count}}' },
  form: {
    invalidJson: 'Must be valid JSON', invalidMoney: 'Use a decimal number like 12.50', placeholder: 'Enter {{label}}',
    selectPlaceholder: 'Select {{label}}',
    sensitiveUnchanged: '{{masked}} — leave empty to keep',
    invalidPhone: 'Enter a phone number (digits, spaces, + - ( ))',
    addCurrency: 'Add a currency', removeCurrency: 'Remove the {{currency}} price', priceRequired: 'Enter a price in at least one currency',
    amount_format: '{{currency}}: use a decimal number like 9.90', amount_zero: '{{currency}}: must be greater than zero', amount_precision: '{{currency}}: at most {{digits}} decimal places',
  },
  sensitive: { masked: 'Hidden', reveal: 'Reveal', revealFailed: 'Could not reveal the value' },
  action: {
    confirm: 'Are you sure you want to {{action}} {{target}}?', confirmBulk: 'Apply “{{action}}” to {{count}} records?',
    confirmCollection: 'Run “{{action}}”?', reason: 'Reason', reasonHelp: 'Recorded in the audit log',
    reasonRequired: 'A reason is required', done: 'Done', resultTitle: 'Copy this now — it will not be shown again.',
    refused: 'The action was refused',
    fileDownloaded: '{{name}} was downloaded', downloadAgain: 'Download {{name}} again',
    download: 'Download {{name}}',
    forTarget: 'For {{target}}',
  },
  export: {
    title: 'Exporting {{resource}}', rows_one: '{{count}} row', rows_other: '{{count}} rows', rowsOf: '{{count}} of {{total}} rows',
    done_one: 'Export finished: {{count}} row', done_other: 'Export finished: {{count}} rows',
    failed: 'Export failed', cancelled: 'Export cancelled', starting: 'Starting…',
  },
  diff: { field: 'Field', before: 'Before', after: 'After', noChanges: 'No field changes', added: 'added', removed: 'removed', changed: 'changed' },
  audit: {
    title: 'Audit log', systemActor: 'System', actor: 'Actor', resource: 'Resource', action: 'Action', time: 'Time', record: 'Record',
    reason: 'Reason', ip: 'IP', changes: 'Changes', anyActor: 'Any actor', anyResource: 'Any resource', anyAction: 'Any action',
    resourceNames: { staff: 'Staff', roles: 'Roles', 'audit-logs': 'Audit log', 'saved-views': 'Saved views' },
    actions: {
      create: 'Created', update: 'Updated', delete: 'Deleted', export: 'Exported', reveal: 'Revealed',
      login: 'Signed in', signed_in: 'Signed in', login_failed: 'Sign-in failed', login_locked: 'Sign-in locked',
      login_refused: 'Sign-in refused', logout: 'Signed out', access_denied: 'Access denied',
      permissions_update: 'Permissions changed', register: 'Registered', password_change: 'Password changed',
      password_reset: 'Password reset', profile_update: 'Profile updated', sessions_revoke_others: 'Other sessions ended',
      redeem: 'Code redeemed', redeem_failed: 'Redemption failed', redeem_locked: 'Redemption locked',
      usage_charge: 'Usage charged', voucher_grant: 'Voucher granted', voucher_expiry: 'Voucher expired', expire: 'Expired',
      send_finished: 'Sending finished', send_failed: 'Sending failed', audit_prune: 'Audit log pruned', audit_verify: 'Integrity verified', seed: 'Demo data created',
      file_upload: 'File uploaded', file_link: 'Download link issued', file_download: 'File downloaded', sign: 'Signed', accept: 'Accepted',
      overdue: 'Became overdue', billing_suspension: 'Suspended for overdue bills', billing_suspension_lift: 'Overdue suspension lifted',
      reconcile_bill: 'Bill reconciled', invoice_request: 'Invoice requested', invoice_cancel: 'Invoice request cancelled',
    },
    integrity: {
      verify: 'Verify integrity', intact: 'The audit trail and the ledger are intact', broken: 'Tampering found',
      failedToRun: 'The integrity check could not run', chainIntact: '{{count}} sealed rows, head seal {{head}}',
      checkedAt: 'Checked {{time}}', chains: { audit: 'Audit trail', ledger: 'Ledger transactions' },
      kinds: {
        row_altered: 'Row changed after sealing', row_deleted: 'Row deleted', seal_missing: 'Seal missing',
        seal_forged: 'Seal forged', checkpoint_forged: 'Prune checkpoint forged', unsealed: 'Rows not sealed',
      },
    },
  },
  file: filesEn,
  org: orgsEn,
  bill: billsEn,
  customer: {
    tier: tiersEn,
    active: 'Active', frozen: 'Frozen', moreActions: 'More actions', openList: 'Open in the full list', review: 'Review',
    statusTag: '{{field}}: {{value}}',
    pendingAdjustments_one: '{{count}} cash adjustment is waiting for a second finance member’s approval',
    pendingAdjustments_other: '{{count}} cash adjustments are waiting for a second finance member’s approval',
    balances: {
      title: 'Balances', failed: 'The balances could not be loaded',
      cash: 'Cash balance', gift: 'Vouchers', onHold: 'On hold', arrears: 'Arrears (owed)',
      cashHelp: 'Paid-in money the customer can spend, refund or have adjusted',
      giftHelp: 'Voucher and code credit; it expires and cannot be refunded',
      onHoldHelp: 'Taken out of the balance while a refund is paid out or a card dispute is open',
      arrearsHelp: 'What the customer owes; the next recharge settles it first',
    },
    tabs: {
      orders: 'Orders', refunds: 'Refunds', ledger: 'Ledger', vouchers: 'Vouchers', codes: 'Codes',
      cashAdjustments: 'Cash adjustments', statement: 'Monthly statement', history: 'History',
    },
    statement: { month: 'Month', failed: 'The statement could not be loaded', empty: 'Nothing was charged this month' },
  },
  roleNames: { super_admin: 'Super admin', operations: 'Operations', finance: 'Finance', support: 'Support', auditor: 'Auditor' },
  dashboard: {
    title: 'Dashboard', today: 'Today',
    periodsNote: 'Days, weeks (from Monday), months and years in {{zone}}, each up to now · figures as of {{time}} · click a card for its trend',
    marginRate: '{{rate}} of revenue', trendOf: '{{card}} trend', noTrend: 'Nothing in this period yet',
    by: { hour: 'by hour', day: 'by day', month: 'by month' },
    transactions_one: '{{count}} transaction', transactions_other: '{{count}} transactions',
    money: { recharged: 'Recharged', codesRedeemed: 'Codes redeemed', vouchersGranted: 'Vouchers granted', usageCharged: 'Usage charged' },
    payments: { refundsToday: 'Refunded', refundsWaiting: 'Refunds waiting for review', orphans: 'Paid orders without credit' },
  },
  permissions: { view: 'View', create: 'Create', edit: 'Edit', delete: 'Delete', export: 'Export', view_sensitive: 'View sensitive', verify_integrity: 'Verify integrity' },
  roles: {
    title: 'Roles & policies', role: 'Role', roles: 'Roles', newRole: 'New role', name: 'Name (key)', label: 'Label',
    description: 'Description', nameHelp: 'Lowercase letters, digits and underscores', resource: 'Resource',
    previewChanges: 'Preview changes', preview: 'Changes to {{role}}', added: 'Granted', removed: 'Revoked',
    noChanges: 'No changes to save.', apply: 'Apply changes', saved: 'Permissions of {{role}} saved', created: 'Role {{role}} created',
    systemReadOnly: 'Super admin always holds every permission; it cannot be edited.', system: 'System',
    discard: 'Discard', pending_one: '{{count}} pending change', pending_other: '{{count}} pending changes', allInRow: 'All', otherActions: 'Actions',
  },
}

export default en
export type Dictionary = typeof en
