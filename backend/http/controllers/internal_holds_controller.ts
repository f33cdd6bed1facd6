import type { HttpContext } from '@adonisjs/core/http'
import createHold from '#actions/holds/create_hold'
import captureHold from '#actions/holds/capture_hold'
import releaseHold from '#actions/holds/release_hold'
import { transaction } from '#services/transaction'
import { requestFacts } from '#services/audit'
import type { UseCase } from '#services/use_case'
import { toUnits } from '#services/ledger/amounts'
import { callerKey } from '#services/ledger/caller_keys'
import { presentHold } from '#services/holds/present'
import type { HoldResult } from '#services/holds/rows'
import { InvalidInput } from '#exceptions/domain_errors'
import { assertOnlyKeys } from '#validators/strict'
import { captureHoldValidator, createHoldValidator, releaseHoldValidator } from '#validators/holds'

/** Who calls these endpoints: the platform's job service (one service token). */
const CALLER = 'internal-service'
const ACTOR = { type: 'system' as const, id: null, label: CALLER, role: null }
/** Hold keys get their own namespace, apart from the same caller's charge keys (`ext:internal-service:<key>`). */
const KEYS = `${CALLER}/holds`

/**
 * Credit holds for long jobs (service token, no cookies):
 * - POST /api/internal/holds → 201 { hold } (200 + Idempotency-Replayed for the same key and payload; 409 another payload)
 * - POST /api/internal/holds/:id/capture → 200 { hold } (a repeat: 200 + Idempotency-Replayed; settled otherwise: 409)
 * - POST /api/internal/holds/:id/release → 200 { hold } (likewise)
 * The caller's idempotency key lives in its own namespace (`ext:internal-service/holds:<key>`).
 */
export default class InternalHoldsController {
  async store(ctx: HttpContext) {
    const body = ctx.request.body()
    assertOnlyKeys(body, ['customer_id', 'api_key_id', 'amount', 'model', 'units', 'idempotency_key', 'expires_in', 'generation'])
    if (body.generation !== undefined && body.generation !== null && typeof body.generation === 'object') {
      assertOnlyKeys(body.generation, ['type', 'prompt', 'model'])
    }
    const input = await ctx.request.validateUsing(createHoldValidator)
    if (!input.customer_id && !input.api_key_id) {
      throw new InvalidInput([{ field: 'customer_id', message: 'Give the customer (customer_id) or one of their API keys (api_key_id)', rule: 'required' }])
    }
    const byModel = input.model !== undefined || input.units !== undefined
    if (byModel === (input.amount !== undefined) || (byModel && (input.model === undefined || input.units === undefined))) {
      throw new InvalidInput([{ field: 'amount', message: 'Give either an amount or a model with its units', rule: 'required' }])
    }
    const result = await this.#run(ctx, createHold, {
      customerId: input.customer_id ?? null,
      apiKeyId: input.api_key_id ?? null,
      amount: input.amount !== undefined ? toUnits(input.amount) : null,
      model: input.model ?? null,
      units: input.units ?? null,
      idempotencyKey: callerKey(KEYS, input.idempotency_key),
      expiresIn: input.expires_in,
      generation: input.generation ?? null,
    })
    return this.#answer(ctx, result, 201)
  }

  async capture(ctx: HttpContext) {
    const body = ctx.request.body()
    assertOnlyKeys(body, ['amount', 'generation'])
    if (body.generation && typeof body.generation === 'object') assertOnlyKeys(body.generation, ['status', 'output_urls'])
    const input = await ctx.request.validateUsing(captureHoldValidator)
    const amount = input.amount !== undefined ? toUnits(input.amount) : null
    const result = await this.#run(ctx, captureHold, { holdId: holdId(ctx), amount, outputUrls: input.generation?.output_urls })
    return this.#answer(ctx, result, 200)
  }

  async release(ctx: HttpContext) {
    const body = ctx.request.body()
    assertOnlyKeys(body, ['generation'])
    if (body.generation && typeof body.generation === 'object') assertOnlyKeys(body.generation, ['status', 'failure_reason'])
    const input = await ctx.request.validateUsing(releaseHoldValidator)
    const result = await this.#run(ctx, releaseHold, { holdId: holdId(ctx), failureReason: input.generation?.failure_reason ?? null })
    return this.#answer(ctx, result, 200)
  }

  #run<I>(ctx: HttpContext, useCase: UseCase<I, HoldResult>, input: I) {
    return transaction((trx) => useCase.handle(input, { trx, actor: ACTOR, facts: requestFacts(ctx) }))
  }

  #answer(ctx: HttpContext, result: HoldResult, status: number) {
    if (result.replayed) ctx.response.header('Idempotency-Replayed', 'true')
    ctx.response.status(result.replayed ? 200 : status)
    return { hold: presentHold(result.hold, result.generation) }
  }
}

function holdId(ctx: HttpContext) {
  const id = String(ctx.params.id)
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new InvalidInput([{ field: 'id', message: 'The hold id must be a positive whole number', rule: 'number' }])
  return Number(id)
}
