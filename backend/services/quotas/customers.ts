import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { InvalidInput } from '#exceptions/domain_errors'

/** Refuses (422) a customer id that names no customer, before anything is written. */
export async function assertCustomer(client: QueryClientContract, customerId: number) {
  const row = await client.from('customers').where('id', customerId).select('id').first()
  if (!row) throw new InvalidInput([{ field: 'customer', message: `There is no customer ${customerId}`, rule: 'exists' }])
}
