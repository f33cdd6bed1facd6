/** Signed-in HTTP clients for functional tests: a fresh staff member of a role, or a fresh customer. */
import { Agent } from './agent.js'
import { createCustomer, createStaff } from './fixtures.js'

/** A new staff member of `role`, signed in through the console's login endpoint. */
export async function staffAgent(role: string, overrides: Record<string, unknown> = {}) {
  const staff = await createStaff(role, overrides)
  return { staff, agent: await new Agent().loginStaff(staff.email) }
}

/** A new customer, signed in through the portal's login endpoint. */
export async function customerAgent(overrides: Record<string, unknown> = {}) {
  const customer = await createCustomer(overrides)
  return { customer, agent: await new Agent().loginCustomer(customer.email) }
}
