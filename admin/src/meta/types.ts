/**
 * Shape of GET /api/admin/meta (see ARCHITECTURE.md "Meta"). The console renders every
 * generic screen from these declarations, so they are typed once here and nowhere else.
 */
export type LocalizedText = string | { [locale: string]: string | undefined }

export type FieldType =
  | 'string' | 'text' | 'number' | 'money' | 'boolean' | 'enum' | 'date' | 'datetime'
  | 'json' | 'relation' | 'file' | 'tags'

export type FilterOperator = 'eq' | 'ne' | 'gte' | 'lte' | 'contains' | 'in'

export interface EnumOption {
  value: string | number | boolean
  label?: LocalizedText
  color?: string
}

export interface FieldMeta {
  name: string
  type: FieldType
  label?: LocalizedText
  list?: boolean
  show?: boolean
  create?: boolean
  edit?: boolean
  required?: boolean
  sortable?: boolean
  searchable?: boolean
  filter?: FilterOperator[]
  sensitive?: boolean
  /** Accepted on create/edit, never read back (e.g. a password). */
  writeOnly?: boolean
  options?: EnumOption[]
  relation?: { resource: string; labelField?: string }
  currency?: string
  maxLength?: number
  minLength?: number
  format?: 'email' | 'phone'
  min?: number
  max?: number
  help?: LocalizedText
}

export interface RelationMeta {
  name: string
  label?: LocalizedText
  resource: string
  filterField: string
}

export interface ActionCondition {
  field: string
  eq?: unknown
  ne?: unknown
  in?: unknown[]
}

export type ActionScope = 'record' | 'collection' | 'bulk'

export interface ActionMeta {
  name: string
  label?: LocalizedText
  scope: ActionScope
  confirm?: boolean
  reason?: boolean
  danger?: boolean
  fields?: FieldMeta[]
  when?: ActionCondition
}

export type Operation = 'list' | 'show' | 'create' | 'edit' | 'delete' | 'export'

export interface ResourceMeta {
  name: string
  label?: LocalizedText
  group?: string
  icon?: string
  /** Column that identifies a record in URLs; "id" when absent. */
  primaryKey?: string
  titleField?: string
  defaultSort?: { field: string; order: 'asc' | 'desc' }[]
  operations?: Partial<Record<Operation, boolean>>
  fields: FieldMeta[]
  relations?: RelationMeta[]
  actions?: ActionMeta[]
  permissions: string[]
}

export interface StaffUser {
  id: number | string
  email: string
  name: string
  role: { id: number | string; name: string; label?: LocalizedText }
  locale?: string
}

export interface AdminMeta {
  user: StaffUser
  resources: ResourceMeta[]
  groups?: Record<string, LocalizedText>
  settings?: { currency?: string; [key: string]: unknown }
}
