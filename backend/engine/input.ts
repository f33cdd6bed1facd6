/**
 * Validation of create / edit / action input, built from the field declarations with VineJS.
 * Fields the declaration does not accept are refused by name (mass assignment is an error,
 * not a silent drop), so a PATCH carrying a role, a balance or an owner never writes it.
 */
import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { InvalidInput, type FieldError } from '#exceptions/domain_errors'
import type { FieldDef } from './types.js'
import { parseUnits } from '#contract/money'
import { wellFormed } from '#validators/well_formed'
import { missingFiles } from '#services/files/rows'

type Mode = 'create' | 'edit' | 'action'

export const PASSWORD_RULES = { min: 10, max: 128 }

function schemaFor(field: FieldDef) {
  switch (field.type) {
    case 'string': {
      let s = vine.string().use(wellFormed()).trim().maxLength(field.maxLength ?? 255)
      if (field.minLength) s = s.minLength(field.minLength)
      if (field.format === 'email') s = s.email()
      if (field.format === 'phone') s = s.regex(/^\+?[0-9][0-9 \-]{5,30}$/)
      return s
    }
    case 'text':
      return vine.string().use(wellFormed()).trim().maxLength(field.maxLength ?? 5000)
    case 'number': {
      let n = vine.number({ strict: true })
      if (field.min !== undefined) n = n.min(field.min)
      if (field.max !== undefined) n = n.max(field.max)
      return n
    }
    case 'relation':
      return vine.number({ strict: true }).withoutDecimals().positive()
    case 'money':
      return vine.string().trim().maxLength(40)
    case 'boolean':
      return vine.boolean({ strict: true })
    case 'enum':
      return vine.enum(field.options!.map((o) => o.value))
    case 'date':
    case 'datetime':
      return vine.string().trim().maxLength(40)
    case 'tags':
      return vine.array(vine.string().use(wellFormed()).trim().minLength(1).maxLength(40)).maxLength(30).distinct()
    case 'json':
      return vine.any()
    case 'file': {
      // a stored file's id (POST /api/admin/files first), or a list of them
      const id = vine.number({ strict: true }).withoutDecimals().positive()
      return field.multiple ? vine.array(id).minLength(1).maxLength(20).distinct() : id
    }
  }
}

/**
 * Validates `body` against the fields writable in `mode`. Returns column → value for the
 * fields present. `current` (edit) lets unchanged read-only values through silently, the
 * way a form that posts every field expects. `notNull` names the columns that cannot be
 * cleared (see columns.ts): a `null` for one of them is a field error.
 */
export async function validateInput(
  fields: Record<string, FieldDef>,
  body: unknown,
  mode: Mode,
  current?: Record<string, any>,
  notNull: Set<string> = new Set()
): Promise<Record<string, any>> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidInput([{ field: '_body', message: 'The request body must be a JSON object' }], 'The request body must be a JSON object')
  }
  const input = body as Record<string, unknown>
  const writable = (f: FieldDef) => (mode === 'create' ? f.create : mode === 'edit' ? f.edit : true) && !f.compute && !f.sql
  const errors: FieldError[] = []
  const shape: Record<string, any> = {}

  for (const key of Object.keys(input)) {
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined
    if (!field) {
      if (mode === 'action' && key === 'reason') continue
      // the server's own decoration of a row it sent (see labels.ts): a form may post it back
      if (mode === 'edit' && key === '_labels') continue
      errors.push({ field: key, message: `Unknown field "${key}"`, rule: 'unknown' })
    } else if (!writable(field)) {
      const unchanged = current && JSON.stringify(current[key] ?? null) === JSON.stringify(input[key] ?? null)
      if (!unchanged) errors.push({ field: key, message: `"${key}" cannot be changed here`, rule: 'readOnly' })
    } else if (input[key] === null && notNull.has(field.column ?? key)) {
      // VineJS would drop a null for an optional field silently; the column cannot hold one
      errors.push({ field: key, message: `"${key}" cannot be empty`, rule: 'required' })
    }
  }
  if (errors.length) throw new InvalidInput(errors)

  for (const [name, field] of Object.entries(fields)) {
    if (!writable(field)) continue
    const base: any = schemaFor(field)
    const required = field.required && mode !== 'edit'
    const nullable = !field.required && !notNull.has(field.column ?? name)
    shape[name] = required ? base : nullable ? base.nullable().optional() : base.optional()
  }

  const validator = vine.create(vine.object(shape))
  const data: Record<string, any> = await validator.validate(
    Object.fromEntries(Object.entries(input).filter(([k]) => Object.hasOwn(shape, k)))
  )

  const values: Record<string, any> = {}
  for (const [name, value] of Object.entries(data)) {
    const field = fields[name]
    if (value === undefined) continue
    values[field.column ?? name] = convert(name, field, value, errors)
  }
  if (errors.length) throw new InvalidInput(errors)
  await checkFiles(fields, data, errors)
  if (errors.length) throw new InvalidInput(errors)
  return values
}

/** Every file id given must be a stored file uploaded for the field's purpose. */
async function checkFiles(fields: Record<string, FieldDef>, data: Record<string, any>, errors: FieldError[]) {
  for (const [name, field] of Object.entries(fields)) {
    if (field.type !== 'file' || data[name] === undefined || data[name] === null) continue
    const ids: number[] = Array.isArray(data[name]) ? data[name] : [data[name]]
    const missing = await missingFiles(ids, field.purpose)
    if (missing.length) {
      const kind = field.purpose ? ` for ${field.purpose.replace('_', ' ')}` : ''
      errors.push({ field: name, message: `"${name}" must be a file uploaded${kind} (not found: ${missing.join(', ')})`, rule: 'file' })
    }
  }
}

function convert(name: string, field: FieldDef, value: any, errors: FieldError[]) {
  if (value === null) return null
  switch (field.type) {
    case 'money':
      try {
        return parseUnits(value, field.scale ?? 2).toString()
      } catch (error: any) {
        errors.push({ field: name, message: `"${name}" must be an amount like 12.50 (${error.message})`, rule: 'money' })
        return undefined
      }
    case 'date':
    case 'datetime': {
      const parsed = DateTime.fromISO(value, { zone: 'utc' })
      if (!parsed.isValid) {
        errors.push({ field: name, message: `"${name}" must be an ISO 8601 date`, rule: 'date' })
        return undefined
      }
      return field.type === 'date' ? parsed.toISODate() : parsed.toJSDate()
    }
    case 'json':
      if (field.currencies) {
        const units = moneyMap(name, field, value, errors)
        return units && JSON.stringify(units)
      }
      return JSON.stringify(value)
    case 'string':
      return field.format === 'email' ? String(value).toLowerCase() : value
    default:
      return value
  }
}

/**
 * `{ "USD": "9.90" }` → `{ USD: 990 }`: every amount a decimal string within the field's scale (a JSON
 * number is refused: 9.9 cannot be told apart from 9.8999…). Which currencies are allowed is the
 * resource's rule (its write hook).
 */
function moneyMap(name: string, field: FieldDef, value: unknown, errors: FieldError[]) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    errors.push({ field: name, message: `"${name}" must list an amount per currency, like {"USD": "9.90"}`, rule: 'money_map' })
    return undefined
  }
  const units: Record<string, number> = {}
  for (const [currency, amount] of Object.entries(value)) {
    const key = currency.slice(0, 10)
    try {
      if (typeof amount !== 'string') throw new RangeError('write it as a decimal string like "9.90"')
      const parsed = parseUnits(amount, field.scale ?? 2)
      if (parsed > BigInt(Number.MAX_SAFE_INTEGER) || parsed < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('too large')
      units[currency] = Number(parsed)
    } catch (error: any) {
      errors.push({ field: name, message: `The ${key} amount of "${name}" is not valid (${error.message})`, rule: 'money_map' })
      return undefined
    }
  }
  return units
}
