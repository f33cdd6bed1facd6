/**
 * Settling a hold, exactly once. The caller locks the hold row (FOR UPDATE) first, so capture,
 * release and expiry of one hold queue behind each other and the second one sees the first's
 * outcome. One settlement posts at most two ledger transactions, under keys unique per hold:
 *
 *   capture K of A   `hold:<id>:capture`  usage_capture  held −K, usage_revenue +K
 *   the rest A − K   `hold:<id>:release`  usage_release  held −(A−K), gift +giftBack (to its lots), cash/arrears +cashBack
 *   release / expiry `hold:<id>:release`  usage_release  all of A back the same way
 *
 * Which money the capture uses: the hold took `from_gift` from gift lots and `from_cash` from
 * cash. The capture consumes the gift part first, then cash; what is left goes back where it
 * came from — cash to cash (reducing arrears first if the customer came to owe any meanwhile),
 * gift to the very lots it was taken from, the latest-expiring lot first (the soonest-expiring
 * were taken first, so they are the ones the capture used). A full release restores every lot
 * exactly. Each lot give-back is recorded in gift_lot_usages with a negative amount, as a
 * reversal does.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit from '#services/audit'
import type { UseCaseDeps } from '#services/use_case'
import { NotFound } from '#exceptions/domain_errors'
import { post } from '#services/ledger/post'
import { customerAccount, systemAccount } from '#services/ledger/accounts'
import { lockWallet, owedBy } from '#services/ledger/arrears'
import { fromUnits } from '#services/ledger/amounts'
import { heldAccount } from './accounts.js'
import { giveBackToLots } from './lots.js'
import type { GenerationRow, HoldRow } from './rows.js'

export type Outcome =
  | { kind: 'capture'; amount: bigint; outputUrls?: string[] }
  | { kind: 'release'; failureReason?: string | null }
  | { kind: 'expire' }

const min = (a: bigint, b: bigint) => (a < b ? a : b)

export async function lockHold(trx: TransactionClientContract, id: number): Promise<HoldRow> {
  const hold = await trx.from('holds').where('id', id).forUpdate().first()
  if (!hold) throw new NotFound(`Hold ${id} was not found`)
  return hold
}

export async function generationOf(client: TransactionClientContract, holdId: number | string): Promise<GenerationRow | null> {
  return (await client.from('generations').where('hold_id', holdId).first()) ?? null
}

/** How a capture of `captured` splits the hold: what is charged and what goes back, by bucket. */
export function splitSettlement(hold: Pick<HoldRow, 'amount' | 'from_cash' | 'from_gift'>, captured: bigint) {
  const gift = BigInt(hold.from_gift)
  const cash = BigInt(hold.from_cash)
  const giftCaptured = min(gift, captured)
  const cashCaptured = captured - giftCaptured
  return { captured, giftBack: gift - giftCaptured, cashBack: cash - cashCaptured, released: BigInt(hold.amount) - captured }
}

/** Settles a hold still `held` (locked by the caller). Returns the updated row. */
export async function settleHold(trx: TransactionClientContract, hold: HoldRow, outcome: Outcome, { actor, facts }: Pick<UseCaseDeps, 'actor' | 'facts'>) {
  const id = Number(hold.id)
  const customerId = Number(hold.customer_id)
  const split = splitSettlement(hold, outcome.kind === 'capture' ? outcome.amount : 0n)
  const reference = { type: 'hold', id }
  let captureTx: number | null = null
  let releaseTx: number | null = null

  if (split.captured > 0n) {
    const posted = await post(
      trx,
      { type: 'usage_capture', idempotencyKey: `hold:${id}:capture`, request: { holdId: id, amount: split.captured }, actor, customerId, amount: split.captured, reference },
      async () => [
        { accountId: await heldAccount(trx, customerId), amount: -split.captured },
        { accountId: await systemAccount(trx, 'usage_revenue'), amount: split.captured },
      ]
    )
    captureTx = Number(posted.transaction.id)
  }
  if (split.released > 0n) {
    const posted = await post(
      trx,
      { type: 'usage_release', idempotencyKey: `hold:${id}:release`, request: { holdId: id, amount: split.released }, actor, customerId, amount: split.released, reference },
      async (transactionId) => {
        // lots first, then the customer's accounts: the order every debit uses
        await giveBackToLots(trx, [Number(hold.hold_transaction_id)], transactionId, split.giftBack, 'latest_first')
        const [held, gift] = [await heldAccount(trx, customerId), await customerAccount(trx, customerId, 'gift')]
        let toArrears = 0n
        let cashId = await customerAccount(trx, customerId, 'cash')
        let arrearsId: number | null = null
        if (split.cashBack > 0n && (await owedBy(trx, customerId)) > 0n) {
          const wallet = await lockWallet(trx, customerId)
          cashId = wallet.cashId
          arrearsId = wallet.arrearsId
          toArrears = min(split.cashBack, wallet.owed)
        }
        return [
          { accountId: held, amount: -split.released },
          { accountId: gift, amount: split.giftBack },
          { accountId: cashId, amount: split.cashBack - toArrears },
          ...(arrearsId ? [{ accountId: arrearsId, amount: toArrears }] : []),
        ]
      }
    )
    releaseTx = Number(posted.transaction.id)
  }

  const status = outcome.kind === 'capture' ? 'captured' : outcome.kind === 'release' ? 'released' : 'expired'
  const now = new Date()
  const [updated] = await trx
    .from('holds')
    .where('id', id)
    .update({
      status,
      captured: outcome.kind === 'capture' ? split.captured.toString() : null,
      settle_transaction_id: captureTx ?? releaseTx,
      settled_at: now,
      settled_by: outcome.kind === 'expire' ? 'expiry' : (actor.label ?? actor.type),
      updated_at: now,
    })
    .returning('*')

  const generation = await generationOf(trx, id)
  if (generation) {
    await trx
      .from('generations')
      .where('id', generation.id)
      .update(
        outcome.kind === 'capture'
          ? { status: 'completed', output_urls: JSON.stringify(outcome.outputUrls ?? []), credits: split.captured.toString(), completed_at: now, updated_at: now }
          : {
              status: 'failed',
              credits: '0',
              failure_reason: outcome.kind === 'release' ? (outcome.failureReason ?? generation.failure_reason ?? 'Released') : 'The hold expired before the job finished',
              completed_at: now,
              updated_at: now,
            }
      )
  }

  await audit.record(
    trx,
    {
      action: outcome.kind,
      resource: 'holds',
      recordId: id,
      before: { status: 'held' },
      after: { status, captured: outcome.kind === 'capture' ? fromUnits(split.captured) : null },
      metadata: {
        customerId,
        amount: fromUnits(hold.amount),
        captured: fromUnits(split.captured),
        released: fromUnits(split.released),
        giftBack: fromUnits(split.giftBack),
        cashBack: fromUnits(split.cashBack),
        captureTransactionId: captureTx,
        releaseTransactionId: releaseTx,
        generationId: generation ? Number(generation.id) : null,
      },
    },
    actor,
    facts
  )
  return updated as HoldRow
}
