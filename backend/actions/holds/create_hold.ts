/**
 * Takes a credit hold before a long job (a video generation) starts: `amount` (or the price of
 * `units` of `model`) leaves the spendable balance — gift lots first per the configured deduction
 * order, soonest-expiring first, then cash — into the customer's `held` bucket, in one
 * `usage_hold` posting, with the hold row and (optionally) its generation row, audited in the same
 * transaction. The hold is taken before the work is done, so a balance that cannot cover it, an
 * amount owed (arrears) or a frozen account refuses it (402 / 402 / 403) and nothing is written.
 *
 * Idempotent on the caller's key (already namespaced by the caller): the same key with the same
 * payload returns the first hold (`replayed`), with another payload it is a 409.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import type { CustomerRow } from '#services/customers/rows'
import { Conflict, Forbidden, InvalidInput, NotFound } from '#exceptions/domain_errors'
import { post, requestHash, InsufficientFunds } from '#services/ledger/post'
import { customerAccount } from '#services/ledger/accounts'
import { takeFromLots } from '#services/ledger/gift_lots'
import { ArrearsOutstanding, assertNoArrears } from '#services/ledger/arrears'
import { fromUnits } from '#services/ledger/amounts'
import { quoteUnits } from '#services/usage/pricing'
import { heldAccount } from '#services/holds/accounts'
import { HoldRefused } from '#services/holds/errors'
import { generationOf } from '#services/holds/settle'
import type { GenerationRow, HoldResult, HoldRow } from '#services/holds/rows'

export type CreateHoldInput = {
  customerId?: number | null
  apiKeyId?: number | null
  /** Either an amount in ledger units … */
  amount?: bigint | null
  /** … or a model code and how many of its billing units the job needs. */
  model?: string | null
  units?: string | null
  idempotencyKey: string
  expiresIn: number
  generation?: { type: string; prompt: string; model?: string | null } | null
}



const createHold: UseCase<CreateHoldInput, HoldResult> = {
  async handle(input, { trx, actor, facts }) {
    const request = {
      customerId: input.customerId ?? null,
      apiKeyId: input.apiKeyId ?? null,
      amount: input.amount ?? null,
      model: input.model ?? null,
      units: input.units ?? null,
      expiresIn: input.expiresIn,
      generation: input.generation ?? null,
    }
    const hash = requestHash('usage_hold', request)
    const earlier = await replayOf(trx, input.idempotencyKey, hash)
    if (earlier) return earlier

    const customerId = await customerOf(trx, input)
    const customer: CustomerRow | null = await trx.from('customers').where('id', customerId).forShare().first()
    if (!customer) throw new NotFound(`Customer ${customerId} was not found`)
    const now = new Date()
    const model = input.model ? await modelByCode(trx, input.model, 'model') : null
    const amount = model ? await quote(trx, model.id, input.units!, customerId, now) : input.amount!
    const generationModel = input.generation?.model ? await modelByCode(trx, input.generation.model, 'generation.model') : model

    // the hold's id is taken up front so its ledger transaction can reference it
    const holdId = Number((await trx.rawQuery("SELECT nextval('holds_id_seq') AS id")).rows[0].id)
    let fromGift = 0n
    let posted
    try {
      posted = await post(
        trx,
        { type: 'usage_hold', idempotencyKey: input.idempotencyKey, request, actor, customerId, amount, reference: { type: 'hold', id: holdId } },
        async (transactionId) => {
          if (customer.frozen) throw new Forbidden('This account is frozen: no credit can be held for it')
          await assertNoArrears(trx, customerId)
          const [cash, gift, held] = [await customerAccount(trx, customerId, 'cash'), await customerAccount(trx, customerId, 'gift'), await heldAccount(trx, customerId)]
          let cashFirst = 0n
          if (creditdesk.deductionOrder === 'cash_first') {
            const row = await trx.from('ledger_accounts').where('id', cash).forUpdate().first()
            const available = BigInt(row.balance) + BigInt(row.credit_limit)
            cashFirst = available > 0n ? (available < amount ? available : amount) : 0n
          }
          fromGift = await takeFromLots(trx, gift, transactionId, amount - cashFirst)
          return [
            { accountId: gift, amount: -fromGift },
            { accountId: cash, amount: -(amount - fromGift) },
            { accountId: held, amount },
          ]
        }
      )
    } catch (error) {
      if (error instanceof InsufficientFunds) throw new HoldRefused(`Insufficient funds: a hold of ${fromUnits(amount)} is more than the spendable balance`)
      if (error instanceof ArrearsOutstanding) throw new HoldRefused(error.message)
      throw error
    }
    if (posted.replayed) {
      // a concurrent request with the same key and payload committed first
      const hold: HoldRow = await trx.from('holds').where('hold_transaction_id', posted.transaction.id).firstOrFail()
      return { hold, generation: await generationOf(trx, hold.id), replayed: true }
    }

    const [hold] = await trx
      .insertQuery()
      .table('holds')
      .insert({
        id: holdId,
        customer_id: customerId,
        api_key_id: input.apiKeyId ?? null,
        idempotency_key: input.idempotencyKey,
        request_hash: hash,
        model_id: model?.id ?? null,
        units: model ? input.units : null,
        amount: amount.toString(),
        from_cash: (amount - fromGift).toString(),
        from_gift: fromGift.toString(),
        expires_at: new Date(now.getTime() + input.expiresIn * 1000),
        hold_transaction_id: posted.transaction.id,
      })
      .returning('*')
    let generation: GenerationRow | null = null
    if (input.generation) {
      ;[generation] = await trx
        .insertQuery()
        .table('generations')
        .insert({
          customer_id: customerId,
          hold_id: hold.id,
          model_id: generationModel?.id ?? null,
          type: input.generation.type,
          prompt: input.generation.prompt,
          credits: amount.toString(),
        })
        .returning('*')
    }
    await audit.record(
      trx,
      {
        action: 'create',
        resource: 'holds',
        recordId: hold.id,
        after: { status: 'held', amount: fromUnits(amount), fromCash: fromUnits(amount - fromGift), fromGift: fromUnits(fromGift) },
        metadata: { customerId, apiKeyId: input.apiKeyId ?? null, transactionId: Number(posted.transaction.id), generationId: generation ? Number(generation.id) : null, expiresAt: hold.expires_at },
      },
      actor,
      facts
    )
    return { hold, generation, replayed: false }
  },
}
export default createHold

async function replayOf(trx: TransactionClientContract, key: string, hash: string): Promise<HoldResult | null> {
  const hold: HoldRow | null = await trx.from('holds').where('idempotency_key', key).first()
  if (!hold) return null
  if (hold.request_hash !== hash) throw new Conflict('This idempotency key was already used with a different request')
  return { hold, generation: await generationOf(trx, hold.id), replayed: true }
}

/** The customer named directly or through one of their API keys (which must then be usable). */
async function customerOf(trx: TransactionClientContract, input: CreateHoldInput): Promise<number> {
  if (!input.apiKeyId) return input.customerId!
  const key = await trx.from('api_keys').where('id', input.apiKeyId).first()
  if (!key || key.deleted_at) throw new InvalidInput([{ field: 'api_key_id', message: `API key ${input.apiKeyId} was not found`, rule: 'exists' }])
  if (input.customerId && Number(key.customer_id) !== input.customerId) {
    throw new InvalidInput([{ field: 'api_key_id', message: 'The API key belongs to another customer', rule: 'exists' }])
  }
  if (key.status !== 'enabled' || (key.expires_at && new Date(key.expires_at) <= new Date())) {
    throw new Forbidden(`API key ${input.apiKeyId} is ${key.status !== 'enabled' ? key.status : 'expired'}: no credit can be held with it`)
  }
  return Number(key.customer_id)
}

async function modelByCode(trx: TransactionClientContract, code: string, field: string) {
  const model = await trx.from('usage_models').where('code', code).first()
  if (!model) throw new InvalidInput([{ field, message: `Unknown model "${code}"`, rule: 'exists' }])
  if (model.status !== 'active') throw new InvalidInput([{ field, message: `Model "${code}" is disabled`, rule: 'exists' }])
  return { id: Number(model.id), code: model.code as string }
}

async function quote(trx: TransactionClientContract, modelId: number, units: string, customerId: number, at: Date) {
  const amount = await quoteUnits(trx, { modelId, units, customerId, at })
  if (amount <= 0n) throw new InvalidInput([{ field: 'units', message: 'The job must cost more than zero', rule: 'amount' }])
  return amount
}
