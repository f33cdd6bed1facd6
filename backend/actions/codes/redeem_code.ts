/**
 * A customer redeems a code (portal 兑换). The code row is locked for the whole transaction,
 * so when many customers try the same code at once exactly one finds it ACTIVE; the ledger
 * posting (code liability → the customer's cash, or gift as a dated lot) carries the
 * idempotency key `redeem:<code id>`, so the value can never be credited twice.
 *
 * Refusals (malformed, unknown, already redeemed, expired, voided) are field errors on `code`
 * and count as failed attempts, per customer and per IP; past the limit the key is locked and
 * the answer is 429 with the wait. The same customer submitting a code they already redeemed
 * gets the original result back (a double click is not a failure). Frozen accounts cannot
 * redeem. Successes and failures are audited; no audit row ever holds a full code.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { limiterIn } from '#services/throttle'
import { DateTime } from 'luxon'
import audit, { type Actor, type RequestFacts } from '#services/audit'
import type { UseCase, UseCaseDeps } from '#services/use_case'
import type { RedemptionCodeRow } from '#services/codes/rows'
import { Forbidden, InvalidInput, NotFound, TooManyAttempts, type DomainError } from '#exceptions/domain_errors'
import { post, type Posted } from '#services/ledger/post'
import { customerAccount, systemAccount } from '#services/ledger/accounts'
import { addLot } from '#services/ledger/gift_lots'
import { fromUnits } from '#services/ledger/amounts'
import { codePrefix, hashCode, maskedCode, normaliseCode } from '#services/codes/code_format'

export const REDEEM_LIMITS = {
  perCustomer: { requests: 5, duration: '15 mins', blockDuration: '15 mins' },
  perIp: { requests: 20, duration: '15 mins', blockDuration: '30 mins' },
}

export type RefusalRule = 'format' | 'not_found' | 'redeemed' | 'expired' | 'voided'

export class RedemptionRefused extends InvalidInput {
  constructor(
    public rule: RefusalRule,
    message: string,
    public codeId: string | null = null
  ) {
    super([{ field: 'code', message, rule }], message)
  }
}

export type Redemption = {
  replayed: boolean
  code: RedemptionCodeRow
  posted: Pick<Posted, 'transaction' | 'entries'>
  giftExpiresAt: Date | null
}

export type RedeemInput = { customerId: number; code: string }

/**
 * In the caller's transaction. A refusal is an outcome, not a throw: it is counted and audited
 * in that transaction and returned as `{ refused }`, for the caller to commit and answer with.
 */
export type RedeemOutcome = (Redemption & { refused?: undefined }) | { refused: DomainError }

const redeemCode: UseCase<RedeemInput, RedeemOutcome> = { handle: redeem }
export default redeemCode

async function redeem(input: RedeemInput, { trx, actor, facts }: UseCaseDeps): Promise<RedeemOutcome> {
  const keys = throttleKeys(trx, input.customerId, facts.ip)
  for (const { store, key } of keys) {
    if (await store.isBlocked(key)) {
      await audit.record(trx, { action: 'redeem.locked', resource: 'redemption-codes', metadata: { customerId: input.customerId } }, actor, facts)
      return { refused: new TooManyAttempts(await store.availableIn(key), 'Too many failed attempts to redeem a code') }
    }
  }

  try {
    const outcome = await attempt(trx, input, actor, facts)
    await keys[0].store.delete(keys[0].key)
    return outcome
  } catch (error) {
    if (error instanceof RedemptionRefused) {
      for (const { store, key, limits } of keys) {
        await store.increment(key)
        if ((await store.remaining(key)) <= 0) await store.block(key, limits.blockDuration)
      }
      const typed = normaliseCode(input.code)
      await audit.record(
        trx,
        { action: 'redeem.failed', resource: 'redemption-codes', recordId: error.codeId, metadata: { why: error.rule, last4: typed?.body.slice(-4) ?? null } },
        actor,
        facts
      )
      return { refused: error }
    }
    throw error
  }
}

/** The customer's and the IP's attempt counters, read and written in the use case's transaction. */
function throttleKeys(trx: TransactionClientContract, customerId: number, ip: string | null) {
  const keys = [{ store: limiterIn(trx, REDEEM_LIMITS.perCustomer), key: `redeem:customer:${customerId}`, limits: REDEEM_LIMITS.perCustomer }]
  if (ip) keys.push({ store: limiterIn(trx, REDEEM_LIMITS.perIp), key: `redeem:ip:${ip}`, limits: REDEEM_LIMITS.perIp })
  return keys
}

async function attempt(trx: TransactionClientContract, input: RedeemInput, actor: Actor, facts: RequestFacts): Promise<Redemption> {
  const customer = await trx.from('customers').where('id', input.customerId).forShare().first()
  if (!customer) throw new NotFound(`Customer ${input.customerId} was not found`)
  if (customer.frozen) throw new Forbidden('This account is frozen and cannot redeem codes')

  const typed = normaliseCode(input.code)
  if (!typed) throw new RedemptionRefused('format', `That is not a valid code. Codes look like ${codePrefix()}-XXXX-XXXX.`)
  const code: RedemptionCodeRow | null = await trx.from('redemption_codes').where('code_hash', hashCode(typed.code)).forUpdate().first()
  if (!code) throw new RedemptionRefused('not_found', 'This code does not exist. Check it and try again.')
  const id = String(code.id)

  if (code.status === 'REDEEMED') {
    if (Number(code.redeemed_by) === input.customerId) return replay(trx, code)
    throw new RedemptionRefused('redeemed', 'This code has already been redeemed.', id)
  }
  if (code.status === 'VOIDED') throw new RedemptionRefused('voided', 'This code has been cancelled and can no longer be redeemed.', id)
  const now = new Date()
  if (code.status === 'EXPIRED' || new Date(code.expires_at) <= now) {
    throw new RedemptionRefused('expired', `This code expired on ${DateTime.fromJSDate(new Date(code.expires_at)).toUTC().toISODate()}.`, id)
  }

  const amount = BigInt(code.amount)
  const giftExpiresAt = code.bucket === 'gift' ? DateTime.fromJSDate(now).plus({ days: code.gift_validity_days! }).toJSDate() : null
  const posted = await post(
    trx,
    {
      type: 'redeem',
      idempotencyKey: `redeem:${id}`,
      request: { codeId: id, customerId: input.customerId },
      actor,
      customerId: input.customerId,
      amount,
      reference: { type: 'redemption_code', id },
      memo: `Redemption code ${maskedCode(code)}${code.package ? ` (${code.package})` : ''}`,
    },
    async (transactionId) => {
      const target = await customerAccount(trx, input.customerId, code.bucket)
      if (code.bucket === 'gift') {
        await addLot(trx, { accountId: target, transactionId, amount, expiresAt: giftExpiresAt, sourceType: 'redemption_code', sourceId: id })
      }
      return [
        { accountId: await systemAccount(trx, 'code_liability'), amount: -amount },
        { accountId: target, amount },
      ]
    }
  )
  const [updated] = await trx
    .from('redemption_codes')
    .where('id', id)
    .update({ status: 'REDEEMED', redeemed_by: input.customerId, redeemed_at: now, transaction_id: posted.transaction.id, updated_at: now })
    .returning('*')
  await audit.record(
    trx,
    {
      action: 'redeem',
      resource: 'redemption-codes',
      recordId: id,
      before: { status: 'ACTIVE' },
      after: { status: 'REDEEMED', redeemed_by: input.customerId },
      metadata: { transactionId: Number(posted.transaction.id), amount: fromUnits(amount), bucket: code.bucket, batchId: code.batch_id },
    },
    actor,
    facts
  )
  return { replayed: false, code: updated, posted, giftExpiresAt }
}

/** The original outcome of this customer's own earlier redemption of the code. */
async function replay(trx: TransactionClientContract, code: RedemptionCodeRow): Promise<Redemption> {
  const transaction = await trx.from('ledger_transactions').where('id', code.transaction_id!).first()
  const entries = await trx.from('ledger_entries').where('transaction_id', code.transaction_id!).orderBy('id')
  const lot = code.bucket === 'gift' ? await trx.from('gift_lots').where('transaction_id', code.transaction_id!).first() : null
  return { replayed: true, code, posted: { transaction, entries }, giftExpiresAt: lot?.expires_at ? new Date(lot.expires_at) : null }
}
