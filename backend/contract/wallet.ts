/**
 * What the portal's wallet history carries beside a ledger row: the parts of its reference a
 * customer understands (never the staff memo or an internal id), resolved by the server from the
 * customer's own records.
 */
export interface TransactionDetails {
  order_number?: string
  plan_name?: string | null
  plan_name_zh?: string | null
  code_last4?: string
  campaign_name?: string
  /** gift_lot: where the expired gift balance came from (redemption_code, campaign …) */
  source_type?: string
  /** reversal: the type of the transaction it undid */
  reversed_type?: string
}
