import { AxiosError, AxiosHeaders, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios'
import { http } from '../api/client'

export interface RecordedRequest {
  method: string
  /** path relative to /api/portal, without the query string */
  url: string
  /** the query string as sent (params included): repeated keys stay repeated */
  query: URLSearchParams
  body: unknown
  headers: Record<string, unknown>
}

export interface MockReply {
  status: number
  data?: unknown
  headers?: Record<string, string>
}

type Handler = MockReply | ((req: RecordedRequest, callIndex: number) => MockReply | Promise<MockReply>)

/**
 * Replaces the axios adapter of the portal's HTTP client: requests never leave the process, and each is
 * answered by the handler registered for "METHOD /path" (path relative to /api/portal). Unhandled
 * requests fail loudly with a 599 so a test cannot pass by accident.
 */
export function mockApi(given: Record<string, Handler>) {
  // every account page's header asks for the notifications: none, unless the test says otherwise
  const routes: Record<string, Handler> = { 'GET /notifications': { status: 200, data: { data: [], total: 0, unread: 0 } }, ...given }
  const requests: RecordedRequest[] = []
  const counts = new Map<string, number>()
  const unhandled: string[] = []

  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const method = (config.method ?? 'get').toUpperCase()
    const url = (config.url ?? '').replace(/^\/?/, '/').split('?')[0]
    const query = new URL(http.getUri(config), 'http://portal.test').searchParams
    let body: unknown = config.data
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body)
      } catch {
        /* keep raw */
      }
    }
    const req: RecordedRequest = { method, url, query, body, headers: AxiosHeaders.from(config.headers).toJSON() }
    requests.push(req)
    const key = `${method} ${url}`
    const handler = routes[key]
    let reply: MockReply
    if (!handler) {
      unhandled.push(key)
      reply = { status: 599, data: { message: `unhandled request ${key}` } }
    } else {
      const n = counts.get(key) ?? 0
      counts.set(key, n + 1)
      reply = typeof handler === 'function' ? await handler(req, n) : handler
    }
    const response = {
      data: reply.data ?? '',
      status: reply.status,
      statusText: String(reply.status),
      headers: new AxiosHeaders(reply.headers ?? {}),
      config,
      request: {},
    }
    if (config.validateStatus ? config.validateStatus(reply.status) : reply.status < 400) return response
    throw new AxiosError(
      `Request failed with status code ${reply.status}`,
      reply.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
      config,
      {},
      response,
    )
  }

  http.defaults.adapter = adapter
  return {
    requests,
    unhandled,
    calls: (key: string) => requests.filter((r) => `${r.method} ${r.url}` === key),
  }
}

export const sampleUser = {
  id: 7,
  email: 'ada@example.com',
  nickname: 'Ada',
  phone: null,
  type: 'individual',
  tier: 'pro',
  verification_status: 'verified',
  created_at: '2026-01-15T09:30:00.000Z',
  last_login_at: '2026-11-20T08:00:00.000Z',
}

export const signedIn: MockReply = { status: 200, data: { user: sampleUser } }
export const signedOut: MockReply = { status: 401, data: { message: 'Unauthorized access' } }

export const emptyWallet = { asset: 'USD', cash: '0.000000', gift: '0.000000', total: '0.000000', gift_lots: [] }

/** GET /wallet and its history, empty: for tests that land on the wallet (the first page after sign-in). */
export const walletRoutes: Record<string, MockReply> = {
  'GET /wallet': { status: 200, data: emptyWallet },
  'GET /wallet/transactions': { status: 200, data: [], headers: { 'x-total-count': '0' } },
}
