import { http } from './client'
import type {
  CheckoutStart,
  Order,
  OrderPage,
  OrderQuery,
  Plan,
  PortalSession,
  PortalUser,
  RedeemResult,
  TransactionPage,
  TransactionQuery,
  Wallet,
  WalletTransaction,
} from './types'

export async function login(input: { email: string; password: string }): Promise<PortalUser> {
  const { data } = await http.post<{ user: PortalUser }>('/auth/login', input)
  return data.user
}

/** The reply is the same whether or not the address already had an account; nobody is signed in. */
export async function register(input: { email: string; password: string; nickname?: string }): Promise<{ message: string }> {
  const { data } = await http.post<{ message: string }>('/auth/register', input)
  return data
}

export async function logout(): Promise<void> {
  await http.post('/auth/logout')
}

export async function updateProfile(input: { nickname?: string | null; phone?: string | null }): Promise<PortalUser> {
  const { data } = await http.patch<{ user: PortalUser }>('/profile', input)
  return data.user
}

export async function changePassword(input: { current_password: string; password: string }): Promise<void> {
  await http.put('/password', input)
}

export async function listSessions(): Promise<PortalSession[]> {
  const { data } = await http.get<PortalSession[] | { data: PortalSession[] }>('/sessions')
  return Array.isArray(data) ? data : (data?.data ?? [])
}

export async function revokeOtherSessions(): Promise<number> {
  const { data } = await http.post<{ revoked: number }>('/sessions/revoke-others')
  return Number(data?.revoked ?? 0)
}

/** POST /auth/reset-password — from the one-time link support hands out. 204; 422 on `token` or `password`. */
export async function resetPassword(input: { token: string; password: string }): Promise<void> {
  await http.post('/auth/reset-password', input)
}

export async function fetchWallet(): Promise<Wallet> {
  const { data } = await http.get<Wallet>('/wallet')
  return { ...data, gift_lots: Array.isArray(data?.gift_lots) ? data.gift_lots : [] }
}

/** The query string of GET /wallet/transactions (repeated `type=` keys mean "any of"). */
export function transactionParams(q: TransactionQuery): URLSearchParams {
  const params = new URLSearchParams()
  params.set('_start', String(q.start))
  params.set('_end', String(q.end))
  params.set('_sort', 'id')
  params.set('_order', 'desc')
  for (const type of q.types ?? []) params.append('type', type)
  if (q.from) params.set('created_at_gte', q.from)
  if (q.to) params.set('created_at_lte', q.to)
  return params
}

export async function listWalletTransactions(q: TransactionQuery): Promise<TransactionPage> {
  const response = await http.get<WalletTransaction[] | { data: WalletTransaction[] }>('/wallet/transactions', {
    params: transactionParams(q),
  })
  const rows = Array.isArray(response.data) ? response.data : (response.data?.data ?? [])
  return { rows, total: totalOf(response.headers['x-total-count'], q.start + rows.length) }
}

/** X-Total-Count, or (without the header) the fallback: we only know there is at least this much. */
function totalOf(header: unknown, fallback: number): number {
  if (header === undefined || header === null || header === '') return fallback
  const n = Number(header)
  return Number.isFinite(n) ? n : fallback
}

type RedeemBody = {
  message?: string
  credited?: { bucket?: string; amount?: string; asset?: string; expires_at?: string | null }
  redemption?: { bucket?: string; amount?: string; asset?: string; gift_expires_at?: string | null }
  wallet?: Wallet
}

/**
 * POST /wallet/redeem { code }. The brief documents `{ message, credited: { bucket, amount, expires_at? }, wallet? }`;
 * the server currently answers `{ message, redemption: { bucket, amount, asset, gift_expires_at, … } }` (201, or 200
 * with `Idempotency-Replayed: true` when this customer had already redeemed the code). Both are accepted.
 */
export async function redeemCode(code: string): Promise<RedeemResult> {
  const response = await http.post<RedeemBody>('/wallet/redeem', { code })
  const data: RedeemBody = response.data && typeof response.data === 'object' ? response.data : {}
  const credited = data.credited ?? data.redemption ?? {}
  const bucket = credited.bucket === 'cash' || credited.bucket === 'gift' ? credited.bucket : null
  const expiresAt =
    ('expires_at' in credited ? credited.expires_at : null) ?? ('gift_expires_at' in credited ? credited.gift_expires_at : null) ?? null
  return {
    message: typeof data.message === 'string' && data.message ? data.message : null,
    amount: typeof credited.amount === 'string' ? credited.amount : null,
    asset: typeof credited.asset === 'string' ? credited.asset : null,
    bucket,
    expiresAt,
    replayed: String(response.headers['idempotency-replayed'] ?? '').toLowerCase() === 'true',
    wallet: data.wallet && typeof data.wallet === 'object' ? data.wallet : null,
  }
}

/** GET /plans (public): the plans on sale. */
export async function listPlans(): Promise<Plan[]> {
  const { data } = await http.get<Plan[] | { data: Plan[] }>('/plans')
  return Array.isArray(data) ? data : (data?.data ?? [])
}

/**
 * POST /orders { plan_id } → 201 { order, checkout_url }: the caller sends the browser to `checkout_url`.
 * 422 `plan_id`, 403 frozen account, 429 `retryAfter`, 503 card payments not configured, 502 the provider refused.
 */
export async function createOrder(planId: number): Promise<CheckoutStart> {
  const { data } = await http.post<CheckoutStart>('/orders', { plan_id: planId })
  return { order: data?.order ?? null, checkout_url: typeof data?.checkout_url === 'string' ? data.checkout_url : '' }
}

/** The query string of GET /orders (repeated `status=` keys mean "any of"). */
export function orderParams(q: OrderQuery): URLSearchParams {
  const params = new URLSearchParams()
  params.set('_start', String(q.start))
  params.set('_end', String(q.end))
  params.set('_sort', 'created_at')
  params.set('_order', 'desc')
  for (const status of q.statuses ?? []) params.append('status', status)
  if (q.from) params.set('created_at_gte', q.from)
  if (q.to) params.set('created_at_lte', q.to)
  const number = q.number?.trim()
  if (number) params.set('number_like', number)
  return params
}

export async function listOrders(q: OrderQuery): Promise<OrderPage> {
  const response = await http.get<Order[] | { data: Order[] }>('/orders', { params: orderParams(q) })
  const rows = Array.isArray(response.data) ? response.data : (response.data?.data ?? [])
  return { rows, total: totalOf(response.headers['x-total-count'], q.start + rows.length) }
}

/** GET /orders/:number — 404 when there is no such order of the caller's. */
export async function fetchOrder(number: string): Promise<Order> {
  const { data } = await http.get<Order>(`/orders/${encodeURIComponent(number)}`)
  return data
}
