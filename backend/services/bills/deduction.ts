/**
 * The deduction order of a period's charges (gift / cash / credit), from the entries themselves: a
 * debit's gift entry was covered by vouchers, the part of a cash take that the balance held was
 * covered by prepaid cash, and what took cash below zero or went to arrears ran on credit. A
 * capture splits like its hold (gift part first, then the hold's positive cash). What the period
 * gave back (credits among the billable postings) reduces credit first, then cash, then gift.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { fromPositiveCash, type PeriodPosting } from './ledger_period.js'
import { capturedHolds, holdIdOf, holdPositiveCash } from './holds.js'

const min = (a: bigint, b: bigint) => (a < b ? a : b)

export async function deductionOrder(client: QueryClientContract, postings: PeriodPosting[]) {
  let gift = 0n
  let cash = 0n
  let credit = 0n
  let arrears = 0n
  let givenBack = 0n
  const holds = await capturedHolds(client, postings)
  const holdCash = await holdPositiveCash(client, [...holds.values()])
  for (const p of postings) {
    if (p.net >= 0n) {
      givenBack += p.net
      continue
    }
    if (p.type === 'usage_capture') {
      const hold = holds.get(holdIdOf(p.key))
      const taken = -p.net
      const fromGift = min(BigInt(hold?.from_gift ?? 0), taken)
      const fromCash = min(taken - fromGift, holdCash.get(Number(hold?.id)) ?? 0n)
      gift += fromGift
      cash += fromCash
      credit += taken - fromGift - fromCash
      continue
    }
    for (const e of p.entries) {
      if (e.amount >= 0n) continue
      if (e.code === 'gift') gift += -e.amount
      else if (e.code === 'cash') {
        const positive = fromPositiveCash(e)
        cash += positive
        credit += -e.amount - positive
      } else {
        credit += -e.amount
        if (e.code === 'arrears') arrears += -e.amount
      }
    }
    // entries that moved up inside a debit (none today) count as given back
    givenBack += p.entries.filter((e) => e.amount > 0n).reduce((s, e) => s + e.amount, 0n)
  }
  // what was given back reduces what ran on credit first, then cash, then gift
  for (const take of ['credit', 'cash', 'gift'] as const) {
    const current = take === 'credit' ? credit : take === 'cash' ? cash : gift
    const used = min(current, givenBack)
    givenBack -= used
    if (take === 'credit') credit -= used
    else if (take === 'cash') cash -= used
    else gift -= used
  }
  arrears = min(arrears, credit)
  return { coveredGift: gift, coveredCash: cash, onCredit: credit, arrears }
}

