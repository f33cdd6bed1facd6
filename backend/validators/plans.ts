/**
 * Plan prices: a map of currency → price. Stored as integers in minor units ({"USD": 990});
 * accepted either that way or as decimal strings in major units ({"USD": "9.90"}). Never a
 * float: 9.9 as a JSON number is refused, because 9.9 cannot be told apart from 9.8999….
 */
import payments, { CURRENCIES, CURRENCY_SCALE } from '#config/payments'
import { formatUnits, parseUnits } from '#contract/money'
import { InvalidInput } from '#exceptions/domain_errors'

export type Prices = Record<string, number>

/** The largest price accepted: 100 million in major units. */
const MAX_MINOR = 10_000_000_000

export function parsePrices(raw: unknown, field = 'prices'): Prices {
  let value = raw
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      throw fail(field, `"${field}" must be an object such as {"USD": "9.90"}`)
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw fail(field, `"${field}" must be an object such as {"USD": "9.90"}`)
  const prices: Prices = {}
  for (const [key, price] of Object.entries(value as Record<string, unknown>)) {
    const currency = key.trim().toUpperCase()
    if (!(CURRENCIES as readonly string[]).includes(currency)) {
      throw fail(field, `"${key.slice(0, 10)}" is not a supported currency (${CURRENCIES.join(', ')})`)
    }
    prices[currency] = minorUnits(price, field, currency)
  }
  if (!Object.hasOwn(prices, payments.currency)) {
    throw fail(field, `A price in ${payments.currency} (the currency the portal sells in) is required`)
  }
  return sortKeys(prices)
}

function minorUnits(price: unknown, field: string, currency: string): number {
  let minor: bigint
  if (typeof price === 'number' && Number.isSafeInteger(price)) {
    minor = BigInt(price)
  } else if (typeof price === 'string' && /^\d{1,12}(\.\d{1,2})?$/.test(price.trim())) {
    minor = parseUnits(price.trim(), CURRENCY_SCALE)
  } else {
    throw fail(field, `The ${currency} price must be an integer of minor units (990) or a decimal string ("9.90")`)
  }
  if (minor <= 0n || minor > BigInt(MAX_MINOR)) throw fail(field, `The ${currency} price must be greater than zero and at most ${formatUnits(MAX_MINOR, CURRENCY_SCALE)}`)
  return Number(minor)
}

function sortKeys(prices: Prices): Prices {
  return Object.fromEntries(Object.entries(prices).sort(([a], [b]) => a.localeCompare(b)))
}

/** "USD 9.90 · EUR 9.00", for lists. */
export function priceLabel(prices: unknown): string | null {
  if (!prices || typeof prices !== 'object') return null
  return Object.entries(prices as Record<string, number>)
    .map(([currency, minor]) => `${currency} ${formatUnits(BigInt(minor), CURRENCY_SCALE)}`)
    .join(' · ')
}

function fail(field: string, message: string) {
  return new InvalidInput([{ field, message, rule: 'prices' }])
}
