/**
 * Who a campaign is for: every customer, chosen customer ids, or a saved users-list filter in
 * the console's own vocabulary (`{ "tier": ["pro", "enterprise"], "created_at_gte": "2026-01-01" }`,
 * the same keys as /api/admin/users?…). The filter is checked against the users resource when
 * the campaign is saved and applied by the same engine code when it is sent, so the audience
 * is exactly what the console's list shows for that filter at sending time. The users resource
 * is found through the registry (this domain code does not import the console declaration).
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { applyFilters, parseListQuery } from '#engine/list_query'
import { loadResources } from '#engine/registry'
import type { ResourceDef } from '#engine/types'
import { DomainError, InvalidInput } from '#exceptions/domain_errors'

export type Audience = { audience: 'all' | 'selected' | 'filter'; customer_ids?: unknown; audience_filter?: unknown }

export const MAX_SELECTED = 100_000

/** The users resource whose list filters an audience uses. */
export async function usersResource() {
  return (await loadResources()).get('users')!
}

/**
 * Checks a saved filter's shape and every key against the users resource; returns it parsed.
 * A staff member who may not see customers' masked fields may not filter on them either: the
 * campaign's audience count would otherwise tell them whether a guessed email exists.
 */
export async function parseAudienceFilter(filter: unknown, canSeeSensitive = true) {
  return checkAudienceFilter(filter, await usersResource(), canSeeSensitive)
}

function checkAudienceFilter(filter: unknown, users: ResourceDef, canSeeSensitive: boolean) {
  const fail = (message: string): never => {
    throw new InvalidInput([{ field: 'audience_filter', message, rule: 'filter' }])
  }
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return fail('The saved filter must be an object of users-list filters, like {"tier": "pro"}')
  const entries = Object.entries(filter as Record<string, unknown>)
  if (!entries.length) return fail('The saved filter is empty: choose "all customers" instead')
  for (const [key, value] of entries) {
    if (key.startsWith('_')) fail(`"${key}" is paging or sorting, not a filter`)
    const values = Array.isArray(value) ? value : [value]
    if (!values.length || values.some((v) => typeof v !== 'string' || v.includes('\u0000'))) fail(`The filter "${key}" must be text or a list of texts`)
  }
  try {
    return parseListQuery(users, filter as Record<string, unknown>, { paginate: false, canSeeSensitive })
  } catch (error) {
    if (error instanceof DomainError && !(error instanceof InvalidInput)) fail(error.message)
    throw error
  }
}

/** Checks a list of customer ids: positive whole numbers, no repeats. */
export function parseSelectedIds(ids: unknown): number[] {
  const fail = (message: string): never => {
    throw new InvalidInput([{ field: 'customer_ids', message, rule: 'ids' }])
  }
  if (!Array.isArray(ids) || !ids.length) return fail('Choose at least one customer')
  if (ids.length > MAX_SELECTED) fail(`At most ${MAX_SELECTED} customers can be chosen; use a saved filter instead`)
  if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) fail('Customer ids must be positive whole numbers')
  if (new Set(ids).size !== ids.length) fail('A customer is listed twice')
  return ids as number[]
}

/**
 * The customers a campaign is for, as a query on `customers` (callers add keyset and limit).
 * Synchronous on purpose: a query builder is a thenable, so an async function would run it.
 */
export function audienceQuery(client: QueryClientContract, campaign: Audience, users: ResourceDef) {
  const query = client.from('customers')
  switch (campaign.audience) {
    case 'all':
      return query
    case 'selected':
      // one bound text, not one binding per id (PostgreSQL allows 65,535 bindings)
      return query.whereRaw(`id = ANY (string_to_array(?, ',')::bigint[])`, [parseSelectedIds(campaign.customer_ids).join(',')])
    case 'filter':
      return applyFilters(query, users, checkAudienceFilter(campaign.audience_filter, users, true))
  }
}
