import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type Customer from '#models/customer'
import { runUseCase } from '#http/use_cases'
import { NotFound } from '#exceptions/domain_errors'
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

const customerOf = (ctx: HttpContext) => Number((ctx.auth.use('customer').user as Customer).id)

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
 * The signed-in customer's API keys (portal): list with spend, create (the secret shown once),
 * change name and limits, disable / enable, roll, delete. Every id is looked up within the
 * caller's own keys, so another customer's key is a 404.
 */
export default class PortalKeysController {
  async index(ctx: HttpContext) {
    const customerId = customerOf(ctx)
    const rows = await db.from('api_keys').where('customer_id', customerId).whereNull('deleted_at').orderBy('id', 'desc').select(KEY_COLUMNS)
    const spend = await spendOf(db.connection(), { customerId })
    const now = new Date()
    return rows.map((row: ApiKeyRow) => presentKey(row, spend.get(Number(row.id)), now))
  }

  async store(ctx: HttpContext) {
    const body = ctx.request.body()
    assertOnlyKeys(body, [...SETTING_FIELDS])
    const { row, secret } = await runUseCase(ctx, createApiKey, { customerId: customerOf(ctx), settings: body })
    ctx.response.status(201)
    return { key: presentKey(row), secret }
  }

  async update(ctx: HttpContext) {
    const body = ctx.request.body()
    assertOnlyKeys(body, [...SETTING_FIELDS])
    const row = await runUseCase(ctx, updateApiKey, { customerId: customerOf(ctx), keyId: keyId(ctx), settings: body })
    return { key: await presentOne(row) }
  }

  async disable(ctx: HttpContext) {
    const row = await runUseCase(ctx, disableApiKey, { customerId: customerOf(ctx), keyId: keyId(ctx) })
    return { key: await presentOne(row) }
  }

  async enable(ctx: HttpContext) {
    const row = await runUseCase(ctx, enableApiKey, { customerId: customerOf(ctx), keyId: keyId(ctx) })
    return { key: await presentOne(row) }
  }

  async roll(ctx: HttpContext) {
    const body = ctx.request.body()
    assertOnlyKeys(body, ['overlap_minutes'])
    const rolled = await runUseCase(ctx, rollApiKey, { customerId: customerOf(ctx), keyId: keyId(ctx), overlapMinutes: body.overlap_minutes })
    return { key: presentKey(rolled.row), secret: rolled.secret, previous: await presentOne(rolled.previous) }
  }

  async destroy(ctx: HttpContext) {
    await runUseCase(ctx, deleteApiKey, { customerId: customerOf(ctx), keyId: keyId(ctx) })
    return ctx.response.noContent()
  }

  /** GET /api/portal/models: the active models a key can be limited to. */
  async models() {
    const rows = await db.from('usage_models').where('status', 'active').orderBy('code').select('code', 'name', 'vendor', 'kind', 'billing_unit')
    return rows.map((r) => ({ code: r.code, name: r.name, vendor: r.vendor, kind: r.kind, billing_unit: r.billing_unit }))
  }
}
