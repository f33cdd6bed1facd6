/** How many live API keys a customer may hold: its effective tier's `max_keys` (an ended override no longer counts). */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { CUSTOMER_TIER_COLUMNS, type CustomerTierColumns } from './rows.js'
import { loadTiers, tierByCode } from './table.js'
import { resolveTier } from './resolve.js'

export async function maxKeysFor(client: QueryClientContract, customerId: number): Promise<number> {
  const customer: CustomerTierColumns | null = await client.from('customers').where('id', customerId).select([...CUSTOMER_TIER_COLUMNS]).first()
  if (!customer) return 0
  const tiers = await loadTiers(client)
  return tierByCode(tiers, resolveTier(customer, tiers).tier).max_keys
}
