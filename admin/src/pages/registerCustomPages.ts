import { registerCustomPage } from '../engine/registry'
import { AuditLogList } from './audit/AuditLogList'
import { AUDIT_RESOURCE } from '../engine/audit/entry'
import { CustomerPage } from './customer/CustomerPage'
import { ReportsPage } from './reports/ReportsPage'
import { REPORTS_RESOURCE } from '../meta/permissions'
import { BillPage } from './bills/BillPage'
import { OrganizationShow } from './customer/org/OrganizationShow'

/** Screens that replace a generated one. Add a line here to override another resource's screen. */
registerCustomPage(AUDIT_RESOURCE, 'list', AuditLogList)
/** The support desk: customers open on their balances, actions and one tab per lookup. */
registerCustomPage('users', 'show', CustomerPage)
/** The reports section also answers at /r/reports when a `reports` declaration is in the meta. */
registerCustomPage(REPORTS_RESOURCE, 'list', ReportsPage)
/** A bill: header, lines and totals from its document (as the PDF), payments, disputes, reconciliation, lifecycle actions. */
registerCustomPage('bills', 'show', BillPage)
/** An organization opens on its customer page, where its panel and actions are. */
registerCustomPage('organizations', 'show', OrganizationShow)
