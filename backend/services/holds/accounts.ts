/**
 * The customer's `held` bucket: money reserved for a job in progress (a credit hold). It left the
 * spendable balance when the hold was taken and is either captured (paid to usage revenue) or
 * released back. Its balance is ≥ 0 (credit limit 0) and always equals the customer's open holds
 * (checked by ./invariants.ts).
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { customerAccount, type Bucket } from '#services/ledger/accounts'

export const HELD = 'held'

export function heldAccount(client: QueryClientContract, customerId: number) {
  // the same race-safe ensure() as cash and gift: a customer bucket with credit limit 0
  return customerAccount(client, customerId, HELD as Bucket)
}
