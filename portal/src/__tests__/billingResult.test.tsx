import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mockApi, signedIn, signedOut, type MockReply } from '../test/mockApi'
import { renderApp } from '../test/render'

const NUMBER = 'R20261122-000123'
const KEY = `GET /orders/${NUMBER}`
const CHECKOUT = 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3'

const order = (extra: object = {}) => ({
  id: NUMBER,
  number: NUMBER,
  status: 'PENDING',
  channel: 'stripe',
  plan_name: 'Starter',
  currency: 'USD',
  amount: '9.90',
  credits: '115.000000',
  asset: 'USD',
  credited: false,
  refunded_amount: '0.00',
  failure_reason: null,
  checkout_url: CHECKOUT,
  created_at: '2026-11-22T10:00:00.000Z',
  paid_at: null,
  expires_at: '2026-11-23T10:00:00.000Z',
  ...extra,
})

const paid = order({ status: 'PAID', credited: true, checkout_url: null, expires_at: null, paid_at: '2026-11-22T10:01:00.000Z' })

/** Lets the 2 s polling timer run `ms` further (fake timers that also follow the real clock, so RTL's waits work). */
async function advance(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms))
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true })
})

afterEach(() => {
  vi.useRealTimers()
})

function setup(handler: MockReply | ((req: unknown, n: number) => MockReply)) {
  return mockApi({ 'GET /auth/me': signedIn, [KEY]: handler as MockReply })
}

describe('billing result', () => {
  it('after a successful checkout polls the order every 2 s until it is paid and credited, then stops', async () => {
    const api = setup((_req, n) => ({ status: 200, data: n < 2 ? order() : paid }))
    renderApp(`/billing/result?order=${NUMBER}&outcome=success`)

    expect(await screen.findByText('Confirming your payment…')).toBeInTheDocument()
    expect(api.calls(KEY)).toHaveLength(1)
    expect(screen.queryByText('Payment successful')).toBeNull()

    await advance(2000)
    await waitFor(() => expect(api.calls(KEY)).toHaveLength(2))
    expect(screen.getByText('Confirming your payment…')).toBeInTheDocument()

    await advance(2000)
    expect(await screen.findByText('Payment successful')).toBeInTheDocument()
    expect(api.calls(KEY)).toHaveLength(3)
    expect(screen.getByText('You paid $9.90: +$115.00 to your balance.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /go to wallet/i })).toHaveAttribute('href', '/account/wallet')
    expect(screen.queryByText('Confirming your payment…')).toBeNull()

    // no more requests once the order is settled
    await advance(20_000)
    expect(api.calls(KEY)).toHaveLength(3)
  })

  it('keeps waiting while paid but not yet credited', async () => {
    const api = setup((_req, n) => ({ status: 200, data: n === 0 ? { ...paid, credited: false } : paid }))
    renderApp(`/billing/result?order=${NUMBER}&outcome=success`)
    expect(await screen.findByText('Payment received — updating your balance…')).toBeInTheDocument()
    await advance(2000)
    expect(await screen.findByText('Payment successful')).toBeInTheDocument()
    expect(api.calls(KEY)).toHaveLength(2)
  })

  it('gives up after about a minute, says so, and can check again', async () => {
    const api = setup({ status: 200, data: order() })
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    renderApp(`/billing/result?order=${NUMBER}&outcome=success`)
    expect(await screen.findByText('Confirming your payment…')).toBeInTheDocument()

    for (let i = 0; i < 31; i++) await advance(2000)
    expect(await screen.findByText('Still waiting for the confirmation')).toBeInTheDocument()
    const calls = api.calls(KEY).length
    expect(calls).toBeGreaterThanOrEqual(29)
    expect(calls).toBeLessThanOrEqual(31)
    await advance(10_000)
    expect(api.calls(KEY)).toHaveLength(calls)

    await user.click(screen.getByRole('button', { name: /check again/i }))
    await waitFor(() => expect(api.calls(KEY)).toHaveLength(calls + 1))
    expect(await screen.findByText('Confirming your payment…')).toBeInTheDocument()
  })

  it('shows a cancelled order with a way to try again, without polling', async () => {
    const api = setup({ status: 200, data: order({ status: 'CANCELLED', checkout_url: null, expires_at: null }) })
    renderApp(`/billing/result?order=${NUMBER}&outcome=success`)
    expect(await screen.findByText('Payment cancelled')).toBeInTheDocument()
    expect(screen.getByText(`Order ${NUMBER} was cancelled and nothing was charged.`)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', '/account/buy')
    await advance(10_000)
    expect(api.calls(KEY)).toHaveLength(1)
  })

  it('shows a failed order with the failure reason', async () => {
    const api = setup({ status: 200, data: order({ status: 'FAILED', failure_reason: 'Your card was declined.', checkout_url: null }) })
    renderApp(`/billing/result?order=${NUMBER}&outcome=success`)
    expect(await screen.findByText('Payment failed')).toBeInTheDocument()
    expect(screen.getByTestId('failure-reason')).toHaveTextContent('Reason: Your card was declined.')
    expect(screen.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', '/account/buy')
    expect(screen.queryByText('Payment successful')).toBeNull()
    await advance(10_000)
    expect(api.calls(KEY)).toHaveLength(1)
  })

  it('after a cancelled checkout shows the still-open order with "Continue payment", without polling', async () => {
    const api = setup({ status: 200, data: order() })
    renderApp(`/billing/result?order=${NUMBER}&outcome=cancel`)
    expect(await screen.findByText('Payment not completed')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /continue payment/i })).toHaveAttribute('href', CHECKOUT)
    expect(screen.getByRole('link', { name: /choose a plan/i })).toHaveAttribute('href', '/account/buy')
    await advance(10_000)
    expect(api.calls(KEY)).toHaveLength(1)
  })

  it('trusts the server over the URL: a paid order reads as paid even after "cancel"', async () => {
    setup({ status: 200, data: paid })
    renderApp(`/billing/result?order=${NUMBER}&outcome=cancel`)
    expect(await screen.findByText('Payment successful')).toBeInTheDocument()
  })

  it('says when the order does not exist (or is not the customer’s)', async () => {
    const api = setup({ status: 404, data: { message: 'Order not found' } })
    renderApp(`/billing/result?order=${NUMBER}&outcome=success`)
    expect(await screen.findByText('Order not found')).toBeInTheDocument()
    expect(screen.getByText(`We could not find order ${NUMBER} on your account.`)).toBeInTheDocument()
    await advance(10_000)
    expect(api.calls(KEY)).toHaveLength(1)
  })

  it('without an order in the link, says so and asks nothing of the server', async () => {
    const api = mockApi({ 'GET /auth/me': signedIn })
    renderApp('/billing/result?outcome=success')
    expect(await screen.findByText('No order to show')).toBeInTheDocument()
    expect(api.requests.filter((r) => r.url.startsWith('/orders'))).toHaveLength(0)
  })

  it('sends signed-out customers to sign in and back', async () => {
    mockApi({ 'GET /auth/me': signedOut })
    const { location } = renderApp(`/billing/result?order=${NUMBER}&outcome=success`)
    await waitFor(() => expect(location()).toBe(`/login?to=${encodeURIComponent(`/billing/result?order=${NUMBER}&outcome=success`)}`))
  })
})
