/**
 * Paying a bill: the amount asked for is checked against what is outstanding (a payment never
 * exceeds it; a settled, closed or voided bill takes none) before any order exists, and becomes
 * an order's amounts. The bill is in the ledger asset; the order is charged in the payment
 * currency, which must be the same money (a USD ledger paid in USD): the ledger amount is
 * granted exactly and the charge is that amount rounded up to the currency's cent, since a
 * card or a transfer cannot carry fractions of a cent.
 */
import creditdesk from '#config/creditdesk'
import payments, { CURRENCY_SCALE } from '#config/payments'
import { PAYABLE_BILL_STATUSES } from '#contract/bills'
import { BadRequest, Conflict, InvalidInput } from '#exceptions/domain_errors'
import { fromUnits } from '#services/ledger/amounts'
import { outstanding, type BillRow } from './rows.js'

const PER_CENT = 10n ** BigInt(creditdesk.scale - CURRENCY_SCALE)

export function assertPayable(bill: BillRow, units: bigint) {
  if (!PAYABLE_BILL_STATUSES.includes(bill.status)) throw new Conflict(`The bill is ${bill.status.replace('_', ' ')}: it takes no payment`)
  const rest = outstanding(bill)
  if (rest === 0n) throw new Conflict('Nothing is outstanding on this bill')
  if (units > rest) throw new InvalidInput([{ field: 'amount', message: `The amount exceeds what is outstanding (${fromUnits(rest)})`, rule: 'max' }])
}

/** The order's currency, amount (cents, rounded up) and grant (ledger units, exact). */
export function paymentOrderAmounts(units: bigint) {
  if (creditdesk.asset !== payments.currency) {
    throw new BadRequest(`Bills are in ${creditdesk.asset} and payments in ${payments.currency}: record the payment offline with the agreed amount`)
  }
  const cents = (units + PER_CENT - 1n) / PER_CENT
  return { currency: payments.currency, amount: cents.toString(), grant_amount: units.toString() }
}
