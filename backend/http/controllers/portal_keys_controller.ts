import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { runUseCase } from '#http/use_cases'
import { Forbidden, InvalidInput, NotFound } from '#exceptions/domain_errors'
import { assertOnlyKeys } from '#validators/strict'
import createApiKey from '#actions/api_keys/create_api_key'
import updateApiKey from '#actions/api_keys/update_api_key'
import disableApiKey from '#actions/api_keys/disable_api_key'
import enableApiKey from '#actions/api_keys/enable_api_key'
import rollApiKey from '#actions/api_keys/roll_api_key'
import deleteApiKey from '#actions/api_keys/delete_api_key'
import { SETTING_FIELDS } from '#services/api_keys/settings'
import { KEY_COLUMNS, presentKey, type ApiKeyRow } from '#services/api_keys/rows'
import { spendOf } from '#services/api_keys/spend'
import { acting } from '#services/portal/acting'
import type { PortalCapability } from '#contract/orgs'

/**
 * The account acted in, and whether the caller works only on keys assigned to them: in an
 * organization a developer sees and manages their own keys, an admin all of them.
 */
async function scope(ctx: HttpContext, capability: PortalCapability) {
  const a = await acting(ctx, capability)
  return { ...a, ownOnly: a.orgId !== null && a.role !== 'admin' }
}

/** The key id from the path, within the caller's scope (another account's, or another member's key: 404). */
async function scopedKey(ctx: HttpContext) {
  const s = await scope(ctx, 'keys.manage')
  const id = keyId(ctx)
  if (s.ownOnly) {
    const own = await db.from('api_keys').where({ id, customer_id: s.customerId, member_id: s.personId }).whereNull('deleted_at').first()
    if (!own) throw new NotFound('API key not found')
  }
  return { customerId: s.customerId, keyId: id, scope: s }
}

/** A key id from the path; anything else names no key of the caller's (404). */
function keyId(ctx: HttpContext) {
  const raw = ctx.params.id
  if (typeof raw !== 'string' || !/^[1-9]\d{0,17}$/.test(raw)) throw new NotFound('API key not found')
  return Number(raw)
}

async function presentOne(row: ApiKeyRow) {
  const spend = await spendOf(db.connection(), { keyIds: [Number(row.id)] })
  return presentKey(row, spend.get(Number(row.id)))
}

/**
 * The API keys of the account acted in (portal; keys.view / keys.manage): list with spend, create
 * (the secret shown once), change name and limits, disable / enable, roll, delete. Every id is
 * looked up within that account's keys (and, for an organization's developer, the keys assigned
 * to them), so any other key is a 404. An organization's keys are assigned to the member who
 * creates them; its admin may reassign one (`member_id` on PATCH).
 */
export default class PortalKeysController {
  async index(ctx: HttpContext) {
    const s = await scope(ctx, 'keys.view')
    const customerId = s.customerId
    const query = db.from('api_keys').where('customer_id', customerId).whereNull('deleted_at')
    if (s.ownOnly) query.where('member_id', s.personId)
    const rows = await query.orderBy('id', 'desc').select(KEY_COLUMNS)
    const spend = await spendOf(db.connection(), { customerId })
    const now = new Date()
    return rows.map((row: ApiKeyRow) => presentKey(row, spend.get(Number(row.id)), now))
  }

  async store(ctx: HttpContext) {
    const body = ctx.request.body()
    assertOnlyKeys(body, [...SETTING_FIELDS])
    const s = await scope(ctx, 'keys.manage')
    const { row, secret } = await runUseCase(ctx, createApiKey, { customerId: s.customerId, memberId: s.orgId === null ? null : s.personId, settings: body })
    ctx.response.status(201)
    return { key: presentKey(row), secret }
  }

  async update(ctx: HttpContext) {
    const body = ctx.request.body()
    assertOnlyKeys(body, [...SETTING_FIELDS, 'member_id'])
    const { member_id: memberId, ...settings } = body
    const target = await scopedKey(ctx)
    if (memberId !== undefined) {
      // only an organization's admin assigns keys to members
      if (target.scope.orgId === null || target.scope.role !== 'admin') throw new Forbidden('Only an organization admin assigns keys to members')
      if (memberId !== null && (!Number.isSafeInteger(memberId) || memberId < 1)) {
        throw new InvalidInput([{ field: 'member_id', message: 'Assign the key to an active member of the organization', rule: 'member' }])
      }
    }
    const row = await runUseCase(ctx, updateApiKey, { customerId: target.customerId, keyId: target.keyId, settings, memberId })
    return { key: await presentOne(row) }
  }

  async disable(ctx: HttpContext) {
    const { customerId, keyId: id } = await scopedKey(ctx)
    const row = await runUseCase(ctx, disableApiKey, { customerId, keyId: id })
    return { key: await presentOne(row) }
  }

  async enable(ctx: HttpContext) {
    const { customerId, keyId: id } = await scopedKey(ctx)
    const row = await runUseCase(ctx, enableApiKey, { customerId, keyId: id })
    return { key: await presentOne(row) }
  }

  async roll(ctx: HttpContext) {
    const body = ctx.request.body()
    assertOnlyKeys(body, ['overlap_minutes'])
    const { customerId, keyId: id } = await scopedKey(ctx)
    const rolled = await runUseCase(ctx, rollApiKey, { customerId, keyId: id, overlapMinutes: body.overlap_minutes })
    return { key: presentKey(rolled.row), secret: rolled.secret, previous: await presentOne(rolled.previous) }
  }

  async destroy(ctx: HttpContext) {
    const { customerId, keyId: id } = await scopedKey(ctx)
    await runUseCase(ctx, deleteApiKey, { customerId, keyId: id })
    return ctx.response.noContent()
  }

  /** GET /api/portal/models: the active models a key can be limited to. */
  async models() {
    const rows = await db.from('usage_models').where('status', 'active').orderBy('code').select('code', 'name', 'vendor', 'kind', 'billing_unit')
    return rows.map((r) => ({ code: r.code, name: r.name, vendor: r.vendor, kind: r.kind, billing_unit: r.billing_unit }))
  }
}
