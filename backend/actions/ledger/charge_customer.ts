/**
 * Debits a customer for usage of the platform's own services (the internal charge API).
 * Gift first (soonest-expiring lot first) then cash, or cash first when configured; one
 * transaction even when it spans both buckets. Frozen customers cannot be debited.
 * Idempotent on the caller's key: a replay returns the original result and moves nothing.
 * A customer who owes arrears is refused (402) until a recharge settles them (arrears.ts).
 */
import creditdesk from '#config/creditdesk'
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import type { CustomerRow } from '#services/customers/rows'
import { Forbidden, NotFound } from '#exceptions/domain_errors'
import { post, type Posted } from '#services/ledger/post'
import { customerAccount, systemAccount } from '#services/ledger/accounts'
import { takeFromLots } from '#services/ledger/gift_lots'
import { assertNoArrears } from '#services/ledger/arrears'

export type ChargeInput = {
  customerId: number
  amount: bigint
  idempotencyKey: string
  reference?: { type: string; id: string } | null
  memo?: string | null
}

const chargeCustomer: UseCase<ChargeInput, Posted> = {
  async handle(input, { trx, actor, facts }) {
    const customer: CustomerRow | null = await trx.from('customers').where('id', input.customerId).forShare().first()
    if (!customer) throw new NotFound(`Customer ${input.customerId} was not found`)
    const posted = await post(
      trx,
      {
        type: 'usage_charge',
        idempotencyKey: input.idempotencyKey,
        request: { customerId: input.customerId, amount: input.amount, reference: input.reference ?? null },
        actor,
        customerId: input.customerId,
        amount: input.amount,
        reference: input.reference,
        memo: input.memo,
      },
      async (transactionId) => {
        if (customer.frozen) throw new Forbidden('This account is frozen and cannot be charged')
        await assertNoArrears(trx, input.customerId)
        // one connection: its queries run one after another (pg refuses overlapping queries on a client)
        const cash = await customerAccount(trx, input.customerId, 'cash')
        const gift = await customerAccount(trx, input.customerId, 'gift')
        const revenue = await systemAccount(trx, 'usage_revenue')
        let fromGift = 0n
        if (creditdesk.deductionOrder === 'gift_first') {
          fromGift = await takeFromLots(trx, gift, transactionId, input.amount)
        } else {
          const row = await trx.from('ledger_accounts').where('id', cash).forUpdate().first()
          const available = BigInt(row.balance) + BigInt(row.credit_limit)
          const fromCashFirst = available > 0n ? (available < input.amount ? available : input.amount) : 0n
          fromGift = await takeFromLots(trx, gift, transactionId, input.amount - fromCashFirst)
        }
        return [
          { accountId: gift, amount: -fromGift },
          { accountId: cash, amount: -(input.amount - fromGift) },
          { accountId: revenue, amount: input.amount },
        ]
      }
    )
    if (!posted.replayed) {
      await audit.record(
        trx,
        {
          action: 'usage_charge',
          resource: 'ledger-transactions',
          recordId: posted.transaction.id,
          metadata: { customerId: input.customerId, amount: input.amount.toString(), reference: input.reference ?? null },
        },
        actor,
        facts
      )
    }
    return posted
  },
}
export default chargeCustomer
