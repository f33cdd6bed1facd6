/**
 * Percent rates (numeric(7,4) strings such as "6.0000") applied to ledger units, exactly: the rate
 * becomes an integer of 10⁻⁴ percent, the product is rounded half-even to a whole ledger unit.
 */

/** "6.5" → 65000n (10⁻⁴ percent); throws on anything that is not a plain non-negative decimal. */
export function rateParts(rate: string | number): bigint {
  const text = String(rate).trim()
  const match = /^(\d{1,3})(?:\.(\d{1,4})\d*)?$/.exec(text)
  if (!match) throw new Error(`not a rate: ${text}`)
  return BigInt(match[1]) * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0'))
}

/** n / d rounded half to even (d > 0). */
export function divideHalfEven(n: bigint, d: bigint): bigint {
  const negative = n < 0n
  const a = negative ? -n : n
  let q = a / d
  const r = a % d
  if (r * 2n > d || (r * 2n === d && q % 2n === 1n)) q += 1n
  return negative ? -q : q
}

/** `units` × `rate` % at the ledger precision, half-even. */
export function percentOf(units: bigint, rate: string | number): bigint {
  return divideHalfEven(units * rateParts(rate), 1_000_000n)
}

/** Discount on the subtotal, tax on what is left; nothing on a subtotal ≤ 0. */
export function billTotals(subtotal: bigint, discountRate: string, taxRate: string) {
  const discount = subtotal > 0n ? percentOf(subtotal, discountRate) : 0n
  const taxable = subtotal - discount
  const tax = taxable > 0n ? percentOf(taxable, taxRate) : 0n
  return { subtotal, discount, tax, total: taxable + tax }
}
