/**
 * A local Stripe-compatible HTTP stand-in for the calls Creditdesk makes with the official SDK:
 *
 *   POST /v1/checkout/sessions              create (honours Idempotency-Key)
 *   GET  /v1/checkout/sessions/:id          retrieve (expand payment_intent, payment_intent.latest_charge)
 *   POST /v1/checkout/sessions/:id/expire   expire an open session (400 otherwise, like Stripe)
 *   GET  /v1/payment_intents/:id            retrieve (expand latest_charge)
 *   GET  /v1/refunds?payment_intent=|charge= list a payment's refunds
 *
 * It listens on 127.0.0.1 (a free port) and the app's SDK is pointed at it through the SDK's
 * host/port/protocol options (services/stripe.ts configureStripe). Test helpers play what
 * happens on Stripe's side — a customer pays, a refund, a dispute — and build webhook events
 * from the recorded-style fixtures in tests/fixtures/stripe/, signed for real with
 * `Stripe.webhooks.generateTestHeaderString`.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import Stripe from 'stripe'
import { configureStripe, stripeSettings, type StripeSettings } from '#services/stripe'

type Obj = Record<string, any>
const now = () => Math.floor(Date.now() / 1000)
const newId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`

export class StripeStandin {
  readonly secret = `whsec_${randomBytes(16).toString('hex')}`
  sessions = new Map<string, Obj>()
  intents = new Map<string, Obj>()
  charges = new Map<string, Obj>()
  refunds = new Map<string, Obj>()
  requests: Array<{ method: string; path: string; body: Obj; idempotencyKey: string | null }> = []
  /** Make the next `times` session creations fail with this HTTP status (an outage, a refusal). */
  failCreates: { status: number; times: number } | null = null
  /** Make the next `n` PaymentIntent reads fail with a 500. */
  failIntentReads = 0
  #server?: http.Server
  #idempotent = new Map<string, Obj>()
  #previous?: StripeSettings

  async start() {
    this.#server = http.createServer((req, res) => this.#handle(req, res))
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    const { port } = this.#server.address() as AddressInfo
    this.#previous = { ...stripeSettings() }
    configureStripe({ secretKey: 'sk_test_standin', webhookSecret: this.secret, host: '127.0.0.1', port, protocol: 'http' })
    return this
  }

  async stop() {
    if (this.#previous) configureStripe(this.#previous)
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()))
  }

  /* ---------- what happens at Stripe ---------- */

  /** The customer pays the session: a PaymentIntent and a charge appear; the session completes. */
  pay(sessionId: string, options: { delayed?: boolean; amount?: number } = {}) {
    const session = this.#session(sessionId)
    const amount = options.amount ?? session.amount_total
    const intent: Obj = {
      id: newId('pi'),
      object: 'payment_intent',
      amount,
      currency: session.currency,
      status: options.delayed ? 'processing' : 'succeeded',
      metadata: { ...(session.payment_intent_data?.metadata ?? {}) },
      created: now(),
      latest_charge: null,
      livemode: false,
    }
    const charge: Obj = {
      id: newId('ch'),
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      currency: session.currency,
      payment_intent: intent.id,
      paid: !options.delayed,
      refunded: false,
      disputed: false,
      status: options.delayed ? 'pending' : 'succeeded',
      metadata: {},
      created: now(),
      livemode: false,
    }
    intent.latest_charge = charge.id
    this.intents.set(intent.id, intent)
    this.charges.set(charge.id, charge)
    Object.assign(session, { status: 'complete', payment_status: options.delayed ? 'unpaid' : 'paid', payment_intent: intent.id, url: null })
    return this.ids(sessionId)
  }

  /** A delayed payment method settles (or fails). */
  settle(sessionId: string, succeeded: boolean) {
    const session = this.#session(sessionId)
    const intent = this.intents.get(session.payment_intent)!
    const charge = this.charges.get(intent.latest_charge)!
    intent.status = succeeded ? 'succeeded' : 'requires_payment_method'
    Object.assign(charge, { status: succeeded ? 'succeeded' : 'failed', paid: succeeded })
    session.payment_status = succeeded ? 'paid' : 'unpaid'
    return this.ids(sessionId)
  }

  /** A refund made at Stripe (the dashboard, Radar): returns the ids plus `refund_id`. */
  refund(sessionId: string, amount: number, options: { status?: string; metadata?: Obj } = {}) {
    const charge = this.#chargeOf(sessionId)
    const status = options.status ?? 'succeeded'
    const refund: Obj = {
      id: newId('re'),
      object: 'refund',
      amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      status,
      failure_reason: null,
      metadata: options.metadata ?? {},
      created: now(),
    }
    this.refunds.set(refund.id, refund)
    if (status !== 'failed' && status !== 'canceled') {
      charge.amount_refunded += amount
      charge.refunded = charge.amount_refunded >= charge.amount
    }
    return { ...this.ids(sessionId), refund_id: refund.id, refund_amount: amount }
  }

  /** A refund that Stripe reported succeeded or pending fails afterwards (charge.refund.updated). */
  failRefund(refundId: string, reason = 'expired_or_canceled_card') {
    const refund = this.refunds.get(refundId)
    if (!refund) throw new Error(`stand-in: no refund ${refundId}`)
    const charge = this.charges.get(refund.charge)!
    if (refund.status !== 'failed') {
      charge.amount_refunded -= refund.amount
      charge.refunded = charge.amount_refunded >= charge.amount
    }
    Object.assign(refund, { status: 'failed', failure_reason: reason })
    return refund
  }

  expire(sessionId: string) {
    Object.assign(this.#session(sessionId), { status: 'expired', url: null })
  }

  /** The ids and amounts a fixture needs, for a session. */
  ids(sessionId: string) {
    const session = this.#session(sessionId)
    const intent = session.payment_intent ? this.intents.get(session.payment_intent) : null
    const charge = intent ? this.charges.get(intent.latest_charge) : null
    return {
      session_id: session.id,
      payment_intent_id: intent?.id ?? null,
      charge_id: charge?.id ?? null,
      order_id: session.metadata?.order_id ?? null,
      order_number: session.client_reference_id,
      amount: session.amount_total,
      amount_refunded: charge?.amount_refunded ?? 0,
      currency: session.currency,
      customer_email: session.customer_email ?? null,
      expires_at: session.expires_at,
    }
  }

  /* ---------- webhooks ---------- */

  /**
   * The events of a fixture, in Stripe's emission order, with this test's ids. Each fixture
   * file is an array of events; "{{name}}" placeholders (whole JSON strings) are replaced by
   * the value of `vars[name]` (numbers stay numbers). Event ids get a per-call suffix, so
   * each call is a new set of events and a redelivery re-sends the same object.
   */
  events(fixture: string, vars: Obj): Obj[] {
    const text = readFileSync(new URL(`../fixtures/stripe/${fixture}.json`, import.meta.url), 'utf8')
    const tag = randomBytes(6).toString('hex')
    const all: Obj = { created: now(), tag, dispute_id: `dp_test_${tag}`, refund_id: `re_test_${tag}`, ...vars }
    const filled = text.replace(/"\{\{(\w+)\}\}"/g, (_, name) => {
      if (!(name in all)) throw new Error(`fixture ${fixture}: no value for {{${name}}}`)
      return JSON.stringify(all[name])
    })
    return JSON.parse(filled).map((event: Obj) => ({ ...event, id: `${event.id}_${tag}` }))
  }

  /** The Stripe-Signature header for a payload, as Stripe computes it. */
  sign(payload: string, timestamp = now(), secret = this.secret) {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp })
  }

  /* ---------- HTTP ---------- */

  #session(id: string) {
    const session = this.sessions.get(id)
    if (!session) throw new Error(`stand-in: no session ${id}`)
    return session
  }

  #chargeOf(sessionId: string) {
    const intent = this.intents.get(this.#session(sessionId).payment_intent)
    if (!intent) throw new Error(`stand-in: session ${sessionId} was not paid`)
    return this.charges.get(intent.latest_charge)!
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://standin')
    const body = parseForm(Buffer.concat(chunks).toString('utf8'))
    const query = parseForm(url.search.slice(1))
    const idempotencyKey = (req.headers['idempotency-key'] as string) ?? null
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, body, idempotencyKey })
    const send = (status: number, json: Obj) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req') })
      res.end(JSON.stringify(json))
    }
    const fail = (status: number, message: string, type = 'invalid_request_error') => send(status, { error: { type, message } })
    if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_test_')) return fail(401, 'Invalid API Key provided', 'authentication_error')

    const parts = url.pathname.split('/').filter(Boolean)
    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      if (idempotencyKey && this.#idempotent.has(idempotencyKey)) return send(200, this.#idempotent.get(idempotencyKey)!)
      if (this.failCreates && this.failCreates.times > 0) {
        this.failCreates.times--
        const { status } = this.failCreates
        return status >= 500 ? fail(status, 'The stand-in is having an outage', 'api_error') : fail(status, 'The stand-in refused the request')
      }
      const session = this.#createSession(body)
      if (idempotencyKey) this.#idempotent.set(idempotencyKey, session)
      return send(200, session)
    }
    if (parts[0] === 'v1' && parts[1] === 'checkout' && parts[2] === 'sessions' && parts[3]) {
      const session = this.sessions.get(parts[3])
      if (!session) return fail(404, `No such checkout.session: '${parts[3]}'`)
      if (req.method === 'POST' && parts[4] === 'expire') {
        if (session.status !== 'open') return fail(400, `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`)
        this.expire(session.id)
        return send(200, session)
      }
      if (req.method === 'GET' && !parts[4]) return send(200, this.#expand(session, query.expand))
    }
    if (req.method === 'GET' && parts[0] === 'v1' && parts[1] === 'payment_intents' && parts[2]) {
      if (this.failIntentReads > 0) {
        this.failIntentReads--
        return fail(500, 'The stand-in is having an outage', 'api_error')
      }
      const intent = this.intents.get(parts[2])
      if (!intent) return fail(404, `No such payment_intent: '${parts[2]}'`)
      const expand = toList(query.expand)
      return send(200, expand.includes('latest_charge') ? { ...intent, latest_charge: this.charges.get(intent.latest_charge) } : intent)
    }
    if (req.method === 'GET' && url.pathname === '/v1/refunds') {
      const data = [...this.refunds.values()]
        .filter((r) => (!query.payment_intent || r.payment_intent === query.payment_intent) && (!query.charge || r.charge === query.charge))
        .sort((a, b) => b.created - a.created)
      return send(200, { object: 'list', url: '/v1/refunds', has_more: false, data })
    }
    return fail(404, `Unrecognized request URL (${req.method}: ${url.pathname})`)
  }

  #createSession(body: Obj) {
    const item = toList(body.line_items)[0] ?? {}
    const unitAmount = Number(item.price_data?.unit_amount)
    const id = newId('cs')
    const session: Obj = {
      id,
      object: 'checkout.session',
      mode: body.mode,
      status: 'open',
      payment_status: 'unpaid',
      client_reference_id: body.client_reference_id ?? null,
      customer_email: body.customer_email ?? null,
      amount_total: unitAmount * Number(item.quantity ?? 1),
      amount_subtotal: unitAmount * Number(item.quantity ?? 1),
      currency: item.price_data?.currency,
      metadata: body.metadata ?? {},
      payment_intent_data: body.payment_intent_data ?? {},
      payment_intent: null,
      success_url: body.success_url,
      cancel_url: body.cancel_url,
      expires_at: Number(body.expires_at ?? now() + 86400),
      url: `https://checkout.stripe.test/c/pay/${id}`,
      created: now(),
      livemode: false,
      line_items_received: toList(body.line_items),
    }
    this.sessions.set(id, session)
    return session
  }

  #expand(session: Obj, expandParam: unknown) {
    const expand = toList(expandParam)
    const { payment_intent_data, line_items_received, ...shown } = session
    if (!expand.includes('payment_intent') || !session.payment_intent) return shown
    const intent = { ...this.intents.get(session.payment_intent)! }
    if (expand.includes('payment_intent.latest_charge')) intent.latest_charge = this.charges.get(intent.latest_charge) ?? null
    return { ...shown, payment_intent: intent }
  }
}

/** Parses Stripe's form encoding (`a[b][0][c]=v`) into nested objects; numeric keys become arrays. */
export function parseForm(text: string): Obj {
  const root: Obj = {}
  if (!text) return root
  for (const pair of text.split('&')) {
    const [rawKey, rawValue = ''] = pair.split('=')
    const key = decodeURIComponent(rawKey.replace(/\+/g, ' '))
    const value = decodeURIComponent(rawValue.replace(/\+/g, ' '))
    const path = key.split(/\[|\]\[|\]/).filter((p) => p !== '')
    let node = root
    path.forEach((segment, i) => {
      if (i === path.length - 1) node[segment] = value
      else node = node[segment] ??= {}
    })
  }
  return arrays(root)
}

function arrays(value: any): any {
  if (!value || typeof value !== 'object') return value
  const keys = Object.keys(value)
  const converted = Object.fromEntries(keys.map((k) => [k, arrays(value[k])]))
  return keys.length && keys.every((k) => /^\d+$/.test(k)) ? keys.sort((a, b) => Number(a) - Number(b)).map((k) => converted[k]) : converted
}

function toList(value: unknown): any[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/**
 * Delivers a webhook the way Stripe does: the event pretty-printed (Stripe's own formatting),
 * signed over those exact bytes, POSTed without cookies. `body` overrides the bytes sent
 * (e.g. re-serialised after signing) and `signature` the header.
 */
export async function deliver(
  standin: StripeStandin,
  event: Obj,
  options: { timestamp?: number; secret?: string; body?: string; signature?: string | null } = {}
) {
  const payload = JSON.stringify(event, null, 2)
  const signature = options.signature === undefined ? standin.sign(payload, options.timestamp, options.secret) : options.signature
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' }
  if (signature !== null) headers['stripe-signature'] = signature
  const response = await fetch(`http://${process.env.HOST}:${process.env.PORT}/api/webhooks/stripe`, { method: 'POST', headers, body: options.body ?? payload })
  const text = await response.text()
  let body: any = text
  try {
    body = JSON.parse(text)
  } catch {}
  return { status: response.status, body, text }
}

/** Delivers events one after the other, in the order given; fails loudly on a non-2xx. */
export async function deliverAll(standin: StripeStandin, events: Obj[]) {
  const replies = []
  for (const event of events) {
    const reply = await deliver(standin, event)
    if (reply.status !== 200) throw new Error(`webhook ${event.type} answered ${reply.status}: ${reply.text}`)
    replies.push(reply)
  }
  return replies
}
