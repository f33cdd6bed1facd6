import { registerCustomPage } from '../engine/registry'
import { AuditLogList } from './audit/AuditLogList'
import { AUDIT_RESOURCE } from '../engine/audit/entry'

/** Screens that replace a generated one. Add a line here to override another resource's screen. */
registerCustomPage(AUDIT_RESOURCE, 'list', AuditLogList)
