import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import dayjs from 'dayjs'
import { describe, expect, it } from 'vitest'
import { mockApi, signedIn, type RecordedRequest } from '../test/mockApi'
import { renderApp } from '../test/render'

const CHECKOUT = 'https://checkout.stripe.com/c/pay/cs_test_pending'

let seq = 0
const order = (status: string, extra: object = {}) => {
  const number = `R20261122-${String(++seq).padStart(6, '0')}`
  return {
    id: number,
    number,
    status,
    channel: 'stripe',
    plan_name: 'Starter',
    currency: 'USD',
    amount: '9.90',
    credits: '115.000000',
    asset: 'USD',
    credited: status !== 'PENDING' && status !== 'FAILED' && status !== 'CANCELLED',
    refunded_amount: '0.00',
    failure_reason: null,
    checkout_url: null,
    created_at: '2026-11-22T10:00:00.000Z',
    paid_at: null,
    expires_at: null,
    ...extra,
  }
}

const pending = order('PENDING', { checkout_url: CHECKOUT, expires_at: '2026-11-23T10:00:00.000Z' })
const pendingNoLink = order('PENDING')
const paidOrder = order('PAID', { amount: '0.30', currency: 'USD', paid_at: '2026-11-22T10:01:00.000Z' })
const failed = order('FAILED', { failure_reason: 'Your card was declined.' })
const partial = order('PARTIALLY_REFUNDED', { refunded_amount: '3.00' })
const refunded = order('REFUNDED', { refunded_amount: '9.90' })
const refunding = order('REFUNDING')
const refundFailed = order('REFUND_FAILED')
const firstPage = [pending, pendingNoLink, paidOrder, failed, partial, refunded, refunding, refundFailed]

function lastQuery(requests: RecordedRequest[]) {
  const calls = requests.filter((r) => r.method === 'GET' && r.url === '/orders')
  return calls[calls.length - 1]?.query
}

function rowOf(number: string) {
  const row = screen.getByText(number).closest('tr')
  if (!row) throw new Error(`no row for ${number}`)
  return row as HTMLElement
}

describe('orders page', () => {
  it('loads the first page with X-Total-Count and shows status, amounts and refunds', async () => {
    const api = mockApi({ 'GET /auth/me': signedIn, 'GET /orders': { status: 200, data: firstPage, headers: { 'x-total-count': '45' } } })
    renderApp('/account/orders')
    expect(await screen.findByText(paidOrder.number)).toBeInTheDocument()
    expect(Object.fromEntries(lastQuery(api.requests)!)).toEqual({ _start: '0', _end: '20', _sort: 'created_at', _order: 'desc' })
    expect(screen.getByText('1–20 of 45 orders')).toBeInTheDocument()
    expect(screen.getByTitle('3')).toBeInTheDocument()
    expect(screen.queryByTitle('4')).toBeNull()

    // status tags with their colours
    const tag = (number: string) => rowOf(number).querySelector('[data-status]') as HTMLElement
    expect(tag(paidOrder.number)).toHaveTextContent('Paid')
    expect(tag(paidOrder.number)).toHaveClass('ant-tag-green')
    expect(tag(pending.number)).toHaveTextContent('Awaiting payment')
    expect(tag(pending.number)).toHaveClass('ant-tag-gold')
    expect(tag(failed.number)).toHaveClass('ant-tag-red')
    expect(tag(refundFailed.number)).toHaveClass('ant-tag-volcano')

    // amounts from the strings
    expect(within(rowOf(paidOrder.number)).getByTestId('order-amount')).toHaveTextContent(/^\$0\.30$/)
    expect(within(rowOf(paidOrder.number)).getByTestId('order-credits')).toHaveTextContent(/^\+\$115\.00 to your balance$/)
    expect(within(rowOf(pending.number)).getByTestId('order-credits')).toHaveTextContent(/^\$115\.00 once paid$/)

    // refunds
    expect(within(rowOf(partial.number)).getByTestId('refund-info')).toHaveTextContent('Refunded $3.00 of $9.90')
    expect(within(rowOf(refunded.number)).getByTestId('refund-info')).toHaveTextContent('Refunded $9.90')
    expect(within(rowOf(refunding.number)).getByTestId('refund-info')).toHaveTextContent('Refund in progress')
    expect(within(rowOf(refundFailed.number)).getByTestId('refund-info')).toHaveTextContent('Refund failed — please contact support')
    expect(within(rowOf(paidOrder.number)).queryByTestId('refund-info')).toBeNull()
    expect(within(rowOf(failed.number)).getByText('Your card was declined.')).toBeInTheDocument()

    // continue payment only for a pending order with a checkout link
    expect(within(rowOf(pending.number)).getByRole('link', { name: /continue payment/i })).toHaveAttribute('href', CHECKOUT)
    expect(within(rowOf(pendingNoLink.number)).queryByRole('link', { name: /continue payment/i })).toBeNull()
    expect(screen.getAllByRole('link', { name: /continue payment/i })).toHaveLength(1)
  })

  it('pages on the server and filters by status, date and number with the right query parameters', async () => {
    const api = mockApi({
      'GET /auth/me': signedIn,
      'GET /orders': (req) => ({
        status: 200,
        data: req.query.get('_start') === '20' ? [order('PAID', { number: 'R20261101-000999', id: 'R20261101-000999' })] : firstPage,
        headers: { 'x-total-count': req.query.has('status') ? '3' : '45' },
      }),
    })
    const user = userEvent.setup()
    renderApp('/account/orders')
    await screen.findByText(paidOrder.number)

    await user.click(screen.getByTitle('2'))
    expect(await screen.findByText('R20261101-000999')).toBeInTheDocument()
    expect(lastQuery(api.requests)!.get('_start')).toBe('20')
    expect(lastQuery(api.requests)!.get('_end')).toBe('40')

    await user.click(screen.getByRole('combobox', { name: 'Order status' }))
    await user.click(await screen.findByTitle('Paid'))
    await waitFor(() => expect(lastQuery(api.requests)!.getAll('status')).toEqual(['PAID']))
    expect(lastQuery(api.requests)!.get('_start')).toBe('0')
    // the contract's order statuses: a failed refund is the refund's status, never the order's
    expect(screen.queryByTitle('Refund failed')).toBeNull()
    await user.click(screen.getByTitle('Refunded'))
    await waitFor(() => expect(lastQuery(api.requests)!.getAll('status')).toEqual(['PAID', 'REFUNDED']))
    await user.keyboard('{Escape}')
    expect(await screen.findByText('1–3 of 3 orders')).toBeInTheDocument()

    await user.click(screen.getByPlaceholderText('Start date'))
    await user.click(await screen.findByText('Last 30 days'))
    await waitFor(() => expect(lastQuery(api.requests)!.get('created_at_gte')).toBe(dayjs().subtract(29, 'day').startOf('day').toISOString()))
    expect(lastQuery(api.requests)!.get('created_at_lte')).toBe(dayjs().endOf('day').toISOString())
    expect(lastQuery(api.requests)!.getAll('status')).toEqual(['PAID', 'REFUNDED'])

    await user.type(screen.getByRole('searchbox', { name: 'Order number' }), ' R20261122 {Enter}')
    await waitFor(() => expect(lastQuery(api.requests)!.get('number_like')).toBe('R20261122'))
    expect(lastQuery(api.requests)!.get('_sort')).toBe('created_at')
    expect(lastQuery(api.requests)!.get('_order')).toBe('desc')

    await user.click(screen.getByRole('button', { name: 'Clear filters' }))
    await waitFor(() => expect(lastQuery(api.requests)!.has('status')).toBe(false))
    const q = lastQuery(api.requests)!
    expect(q.has('created_at_gte')).toBe(false)
    expect(q.has('created_at_lte')).toBe(false)
    expect(q.has('number_like')).toBe(false)
  })

  it('is in the menu, says when there are no orders, and links to topping up', async () => {
    mockApi({ 'GET /auth/me': signedIn, 'GET /orders': { status: 200, data: [], headers: { 'x-total-count': '0' } } })
    renderApp('/account/orders')
    expect(await screen.findByText('No orders yet')).toBeInTheDocument()
    expect(within(screen.getByRole('menu', { name: 'My account' })).getByRole('menuitem', { name: /orders/i })).toHaveClass('ant-menu-item-selected')
    expect(screen.getByRole('link', { name: /top up/i })).toHaveAttribute('href', '/account/buy')
  })

  it('says so when the orders cannot be loaded, and retries', async () => {
    let fail = true
    const api = mockApi({
      'GET /auth/me': signedIn,
      'GET /orders': () => (fail ? { status: 500, data: { message: 'boom' } } : { status: 200, data: firstPage, headers: { 'x-total-count': '8' } }),
    })
    const user = userEvent.setup()
    renderApp('/account/orders')
    expect(await screen.findByText('The server had a problem. Please try again in a moment.')).toBeInTheDocument()
    fail = false
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByText(paidOrder.number)).toBeInTheDocument()
    expect(api.calls('GET /orders')).toHaveLength(2)
  })
})
