/**
 * The account's plan quotas, in-app notifications and tier (issue 11): the portal's calls and the
 * contract's wire shapes.
 */
import type { PortalQuotasWire } from '@creditdesk/contract/quotas'
import type { PortalNotificationsWire } from '@creditdesk/contract/notifications'
import type { CustomerTierWire } from '@creditdesk/contract/tiers'
import { labelText } from '@creditdesk/contract/i18n'
import { http } from './client'

export type { PortalQuotasWire, PortalNotificationsWire, CustomerTierWire }

/** GET /quotas: the quotas of the customer's active plans now, and this period's alerts. */
export async function fetchQuotas(): Promise<PortalQuotasWire> {
  const { data } = await http.get<PortalQuotasWire>('/quotas')
  return { quotas: data.quotas ?? [], alerts: data.alerts ?? [] }
}

/** GET /notifications, newest first; `unread` is the unread count of all of them. */
export async function listNotifications(q: { page?: number; perPage?: number; unreadOnly?: boolean } = {}): Promise<PortalNotificationsWire> {
  const params = new URLSearchParams()
  params.set('page', String(q.page ?? 1))
  params.set('per_page', String(q.perPage ?? 10))
  if (q.unreadOnly) params.set('unread', '1')
  const { data } = await http.get<PortalNotificationsWire>('/notifications', { params })
  return data
}

export async function markNotificationRead(id: number): Promise<void> {
  await http.post(`/notifications/${id}/read`)
}

export async function markAllNotificationsRead(): Promise<void> {
  await http.post('/notifications/read-all')
}

/** A tier name as sent: both languages, or plain text. */
export type TierName = CustomerTierWire['name'] | string

/** The tier as the account payload carries it: the full tier, or (from older servers) only its code. */
export type AccountTier = CustomerTierWire | string | null | undefined

export const isFullTier = (tier: AccountTier): tier is CustomerTierWire => !!tier && typeof tier === 'object' && typeof tier.code === 'string'

/** The text of a tier's name in the reader's language (its code when it has none). */
export function tierNameText(name: TierName | null | undefined, lang: string, code = ''): string {
  return labelText(name as Record<string, string> | string | null | undefined, lang) ?? code
}

/**
 * GET /auth/me → `{ user, tier }`: the account's tier with its limits and the next tier (null when
 * the server sends none). Read on its own so the wallet shows the tier as it is now (a recharge may
 * just have raised it), whatever the sign-in answer held.
 */
export async function fetchTier(): Promise<CustomerTierWire | null> {
  const { data } = await http.get<{ user?: { tier?: AccountTier }; tier?: AccountTier }>('/auth/me')
  const tier = data.tier ?? data.user?.tier
  return isFullTier(tier) ? tier : null
}
