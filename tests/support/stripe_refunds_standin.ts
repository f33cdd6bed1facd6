/**
 * Refunds at the Stripe stand-in, by composition (stripe_standin.ts is not edited): a small
 * front server answers `POST /v1/refunds` itself (honouring Idempotency-Key like Stripe: the
 * same key replays the first answer) and forwards every other request to the wrapped
 * StripeStandin; the SDK is pointed at the front server.
 *
 *   failNextRefunds: n   the next n refunds come back `status: failed` (a refused refund)
 *   errorNextRefunds: n  the next n refund calls answer HTTP 402 card_error
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { configureStripe } from '#services/stripe'
import { parseForm, StripeStandin } from './stripe_standin.js'

export class StripeRefundsStandin extends StripeStandin {
  refundCalls: Array<{ idempotencyKey: string | null; body: Record<string, any> }> = []
  failNextRefunds = 0
  errorNextRefunds = 0
  #front?: http.Server
  #backPort = 0
  #byKey = new Map<string, { status: number; json: Record<string, any> }>()

  async start() {
    await super.start()
    const { stripeSettings } = await import('#services/stripe')
    this.#backPort = Number(stripeSettings().port)
    this.#front = http.createServer((req, res) => this.#route(req, res))
    await new Promise<void>((resolve) => this.#front!.listen(0, '127.0.0.1', resolve))
    const { port } = this.#front.address() as AddressInfo
    configureStripe({ port })
    return this
  }

  async stop() {
    await new Promise<void>((resolve) => (this.#front ? this.#front.close(() => resolve()) : resolve()))
    await super.stop()
  }

  async #route(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    if (req.method === 'POST' && (req.url ?? '').split('?')[0] === '/v1/refunds') return this.#refund(req, raw.toString('utf8'), res)
    const forward = http.request({ host: '127.0.0.1', port: this.#backPort, method: req.method, path: req.url, headers: req.headers }, (back) => {
      res.writeHead(back.statusCode ?? 500, back.headers)
      back.pipe(res)
    })
    forward.end(raw)
  }

  #refund(req: http.IncomingMessage, text: string, res: http.ServerResponse) {
    const body = parseForm(text)
    const key = (req.headers['idempotency-key'] as string) ?? null
    this.refundCalls.push({ idempotencyKey: key, body })
    const send = (status: number, json: Record<string, any>) => {
      if (key) this.#byKey.set(key, { status, json })
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` })
      res.end(JSON.stringify(json))
    }
    if (key && this.#byKey.has(key)) {
      const first = this.#byKey.get(key)!
      res.writeHead(first.status, { 'content-type': 'application/json', 'idempotent-replayed': 'true' })
      return res.end(JSON.stringify(first.json))
    }
    const intent = this.intents.get(body.payment_intent)
    if (!intent) return send(404, { error: { type: 'invalid_request_error', message: `No such payment_intent: '${body.payment_intent}'` } })
    if (this.errorNextRefunds > 0) {
      this.errorNextRefunds--
      return send(402, { error: { type: 'card_error', code: 'charge_expired_for_refund', message: 'The charge is too old to be refunded' } })
    }
    const charge = this.charges.get(intent.latest_charge)!
    const amount = Number(body.amount ?? charge.amount - charge.amount_refunded)
    if (amount > charge.amount - charge.amount_refunded) {
      return send(400, { error: { type: 'invalid_request_error', message: `Refund amount (${amount}) is greater than unrefunded amount on charge` } })
    }
    const failed = this.failNextRefunds > 0
    if (failed) this.failNextRefunds--
    const refund = {
      id: `re_test_${randomBytes(12).toString('hex')}`,
      object: 'refund',
      amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: intent.id,
      status: failed ? 'failed' : 'succeeded',
      failure_reason: failed ? 'lost_or_stolen_card' : null,
      metadata: body.metadata ?? {},
      created: Math.floor(Date.now() / 1000),
    }
    if (!failed) {
      charge.amount_refunded += amount
      charge.refunded = charge.amount_refunded >= charge.amount
    }
    this.refunds.set(refund.id, refund)
    return send(200, refund)
  }
}
