/**
 * Every ledger transaction type the backend posts, with its direction for the customer and its
 * names. The ledger stores `amount` as a magnitude for `credit` and `debit` types (the type says
 * which way the money moved) and as a signed amount for `signed` types (positive: the customer's
 * balance went up). Console and portal derive the +/− of every row from here.
 */
import type { Label } from './meta.js'
import { parseDecimal } from './money.js'

/**
 * `credit`: the customer's balance went up; `debit`: down; `signed`: the stored amount's sign says;
 * `held`: money already held from the balance moved on (a refund paid out of its hold) — the
 * spendable balance does not change, so the row carries no sign.
 */
export type Direction = 'credit' | 'debit' | 'signed' | 'held'

export interface LedgerTypeInfo {
  direction: Direction
  /** Staff wording (console). */
  label: Label
  /** Customer wording (portal). */
  customerLabel: Label
  /** antd Tag colour. */
  color: string
}

const t = (direction: Direction, color: string, en: string, zh: string, customerEn = en, customerZh = zh): LedgerTypeInfo => ({
  direction,
  color,
  label: { 'en': en, 'zh-CN': zh },
  customerLabel: { 'en': customerEn, 'zh-CN': customerZh },
})

export const LEDGER_TYPES = {
  recharge: t('credit', 'green', 'Recharge', '充值'),
  redeem: t('credit', 'cyan', 'Code redeemed', '兑换码', 'Code redeemed', '兑换码兑换'),
  voucher_grant: t('credit', 'magenta', 'Voucher', '代金券', 'Voucher received', '获得代金券'),
  voucher_expiry: t('debit', 'default', 'Voucher expired', '代金券过期'),
  usage_charge: t('debit', 'blue', 'Usage', '消费扣费', 'Usage', '使用扣费'),
  // A refund first holds the amount (it leaves the spendable balance), then pays it out of the
  // hold, or releases the hold back to the balance when the provider refuses.
  refund_hold: t('debit', 'orange', 'Refund hold', '退款冻结', 'Refund requested: amount held', '退款冻结'),
  refund_settle: t('held', 'purple', 'Refund paid out', '退款完成', 'Refund paid out (from the held amount)', '退款已退回（从冻结金额）'),
  refund_release: t('credit', 'lime', 'Refund released', '退款解冻', 'Refund failed: amount released', '退款失败，解冻退回'),
  dispute_hold: t('debit', 'volcano', 'Dispute hold', '争议冻结', 'Card dispute: amount held', '信用卡争议冻结'),
  dispute_release: t('credit', 'lime', 'Dispute released', '争议解冻', 'Card dispute won: amount released', '信用卡争议胜诉解冻'),
  dispute_loss: t('debit', 'red', 'Dispute lost', '争议败诉扣回', 'Card dispute lost', '信用卡争议败诉扣回'),
  provider_refund: t('debit', 'red', 'Refunded by the provider', '渠道退款扣回', 'Payment refunded', '付款退款扣回'),
  provider_refund_restore: t('credit', 'lime', 'Provider refund failed: credit back', '渠道退款失败退回', 'Refund failed: credit returned', '退款失败，额度退回'),
  arrears_settlement: t('debit', 'geekblue', 'Arrears settled', '欠款结清', 'Amount owed paid', '偿还欠款'),
  // Credit holds for long jobs (video generation): the amount leaves the spendable balance into the
  // customer's `held` bucket; the capture pays for the job out of the hold (no change to the
  // spendable balance), the release gives back what was not captured.
  usage_hold: t('debit', 'gold', 'Usage hold', '消费冻结', 'Held for a job in progress', '任务预扣冻结'),
  usage_capture: t('held', 'blue', 'Usage charged from hold', '冻结扣费', 'Job charged (from the held amount)', '任务扣费（从冻结金额）'),
  usage_release: t('credit', 'lime', 'Hold released', '冻结释放', 'Hold released', '冻结金额退回'),
  // The credits of a failed generation given back by staff (once per generation).
  generation_refund: t('credit', 'lime', 'Failed generation refunded', '失败任务退款', 'Failed job refunded', '失败任务退还'),
  // Undoes an earlier transaction: the opposite of that transaction's movement, stored signed.
  reversal: t('signed', 'red', 'Reversal', '冲正'),
  // Reconciliation brings a stored balance back to its entries: either way, stored signed.
  correction: t('signed', 'red', 'Correction', '对账更正', 'Balance correction', '余额更正'),
  // Finance's credit or debit of a customer's cash (maker-checker), stored signed.
  cash_adjustment: t('signed', 'gold', 'Cash adjustment', '余额调整'),
  // A postpaid bill's disputed amount given back (usage revenue → the organization, arrears first),
  // and, when the credit note is refunded, the same amount paid out of cash to the refunds account.
  credit_note: t('credit', 'green', 'Credit note', '账单冲正', 'Credit note', '账单冲正退回'),
  credit_note_refund: t('debit', 'purple', 'Credit note refunded', '冲正退款', 'Credit note refunded', '冲正金额已退款'),
  // Issuing a postpaid bill charges its tax (to tax payable) and gives its discount back (from usage revenue).
  bill_tax: t('debit', 'orange', 'Bill tax', '账单税费', 'Tax on bill', '账单税费'),
  bill_discount: t('credit', 'cyan', 'Bill discount', '账单折扣', 'Discount on bill', '账单折扣'),
} as const satisfies Record<string, LedgerTypeInfo>

export type LedgerType = keyof typeof LEDGER_TYPES

export const LEDGER_TYPE_NAMES = Object.keys(LEDGER_TYPES) as LedgerType[]

export function isLedgerType(value: string): value is LedgerType {
  return Object.prototype.hasOwnProperty.call(LEDGER_TYPES, value)
}

export function directionOf(type: string): Direction | null {
  return isLedgerType(type) ? LEDGER_TYPES[type].direction : null
}

/**
 * +1, −1 or 0: which way a row moved the customer's balance, from its type and stored amount.
 * 0 for a zero amount and for a type this contract does not know (never guess a sign).
 */
export function customerSign(type: string, amount: bigint | string): 1 | -1 | 0 {
  const d = typeof amount === 'bigint' ? { negative: amount < 0n, zero: amount === 0n } : decimalSign(amount)
  if (!d || d.zero) return 0
  switch (directionOf(type)) {
    case 'credit':
      return 1
    case 'debit':
      return -1
    case 'signed':
      return d.negative ? -1 : 1
    default:
      return 0
  }
}

function decimalSign(text: string) {
  const d = parseDecimal(text)
  return d && { negative: d.negative, zero: d.int === '0' && d.frac === '' }
}

/** The customer-side signed amount of a row (minor units): what a reversal must undo. */
export function signedUnits(type: string, amount: bigint): bigint {
  const magnitude = amount < 0n ? -amount : amount
  return BigInt(customerSign(type, amount)) * magnitude
}
