/**
 * A cookie-keeping HTTP client for the test server: what a browser does, no shortcuts.
 * It stores cookies, sends the XSRF token header on mutations, and signs in through the
 * real login endpoints, so sessions, CSRF and throttling are exercised as in production.
 */
import env from '#start/env'
import { Agent as Dispatcher } from 'undici'

const dispatchers = new Map<string, Dispatcher>()
const fromAddress = (ip: string) => dispatchers.get(ip) ?? dispatchers.set(ip, new Dispatcher({ localAddress: ip })).get(ip)!

export type Reply = { status: number; headers: Headers; body: any; text: string }

export class Agent {
  cookies = new Map<string, string>()
  constructor(public userAgent = 'creditdesk-tests', public ip?: string) {}

  static base() {
    return `http://${env.get('HOST')}:${env.get('PORT')}`
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    if (method !== 'GET' && !this.cookies.has('XSRF-TOKEN')) await this.request('GET', '/api/portal/auth/me')
    const init: RequestInit = {
      method,
      redirect: 'manual',
      headers: {
        'user-agent': this.userAgent,
        'cookie': [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(method !== 'GET' && this.cookies.has('XSRF-TOKEN') ? { 'x-xsrf-token': decodeURIComponent(this.cookies.get('XSRF-TOKEN')!) } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }
    // `ip`: connect from that loopback address (127.0.0.0/8), so the server sees another client IP
    const response = await fetch(Agent.base() + path, this.ip ? ({ ...init, dispatcher: fromAddress(this.ip) } as RequestInit) : init)
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim())) || value === ''
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const text = await response.text()
    let parsed: any = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {}
    return { status: response.status, headers: response.headers, body: parsed, text }
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers)
  }
  post(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request('POST', path, body, headers)
  }
  patch(path: string, body: unknown = {}) {
    return this.request('PATCH', path, body)
  }
  put(path: string, body: unknown = {}) {
    return this.request('PUT', path, body)
  }
  delete(path: string) {
    return this.request('DELETE', path)
  }

  sessionCookie() {
    return this.cookies.get('creditdesk-session')
  }

  /** Signs in as staff through /api/admin/auth/login; fails the test if it does not work. */
  async loginStaff(email: string, password = TEST_PASSWORD) {
    const reply = await this.post('/api/admin/auth/login', { email, password })
    if (reply.status !== 200) throw new Error(`staff login failed for ${email}: ${reply.status} ${reply.text}`)
    return this
  }

  async loginCustomer(email: string, password = TEST_PASSWORD) {
    const reply = await this.post('/api/portal/auth/login', { email, password })
    if (reply.status !== 200) throw new Error(`customer login failed for ${email}: ${reply.status} ${reply.text}`)
    return this
  }
}

export const TEST_PASSWORD = 'Test-Pass-2026'
