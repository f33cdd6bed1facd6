/**
 * Shape of GET /api/admin/meta (see ARCHITECTURE.md "Meta"): the contract's types
 * (backend/contract/meta.ts), which the backend declares its resources with.
 */
import type { Operator } from '@creditdesk/contract/meta'

export type {
  ActionCondition,
  ActionMeta,
  ActionResponse,
  ActionScope,
  AdminMeta,
  CustomerBalances,
  EnumOption,
  FieldMeta,
  FieldType,
  Label,
  ListSummary,
  MetaText,
  MoneyTotal,
  Operation,
  OptionMeta,
  QuickTab,
  QuickTabs,
  RelationMeta,
  ResourceMeta,
  ResultTypes,
  SavedView,
  StaffUser,
} from '@creditdesk/contract/meta'

/** Text the console translates (see MetaText): picked by language with fallbacks in meta/label.ts. */
export type LocalizedText = string | { [locale: string]: string | undefined }

export type FilterOperator = Operator
