import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { browser } from '../lib/browser'
import { mockApi, signedIn, walletRoutes } from '../test/mockApi'
import { renderApp } from '../test/render'

const plans = [
  { id: 1, code: 'starter', name: 'Starter', description: 'For trying things out', currency: 'USD', price: '9.90', unit_amount: 990, credits: '115.000000', asset: 'USD' },
  { id: 2, code: 'dime', name: 'Dime', description: null, currency: 'usd', price: '0.30', unit_amount: 30, credits: '1500.000000', asset: 'CREDIT' },
  // a JS number would turn this into 9007199254740992.1
  { id: 3, code: 'whale', name: 'Whale', description: 'Huge', currency: 'USD', price: '9007199254740993.10', unit_amount: 0, credits: '0.100000', asset: 'USD' },
  { id: 4, code: 'yen', name: 'Yen', description: '', currency: 'JPY', price: '1200', unit_amount: 1200, credits: '1.000000', asset: 'CREDIT' },
  { id: 5, code: 'euro', name: 'Euro', description: '', currency: 'EUR', price: '12.5', unit_amount: 1250, credits: '2.500000', asset: 'CREDIT' },
]

const CHECKOUT = 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3'

function planCard(name: string) {
  const card = screen.getByText(name, { selector: 'h4' }).closest('[data-testid^="plan-"]')
  if (!card) throw new Error(`no card for ${name}`)
  return card as HTMLElement
}

function routes(extra: Record<string, Parameters<typeof mockApi>[0][string]> = {}) {
  return { ...walletRoutes, 'GET /auth/me': signedIn, 'GET /plans': { status: 200, data: plans }, ...extra }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('buy credits', () => {
  it('is in the balance group of the menu and linked from the wallet', async () => {
    mockApi(routes())
    const user = userEvent.setup()
    const { location } = renderApp('/account/wallet')
    const menu = await screen.findByRole('menu', { name: 'My account' })
    const items = within(menu).getAllByRole('menuitem').map((i) => i.textContent)
    expect(items.slice(0, 4)).toEqual(['Wallet', 'Redeem a code', 'Top up', 'Orders'])
    expect(screen.getByText('Balance & payments')).toBeInTheDocument()
    await user.click(screen.getByRole('link', { name: /top up/i }))
    await waitFor(() => expect(location()).toBe('/account/buy'))
    expect(await screen.findByRole('heading', { name: 'Top up', level: 3 })).toBeInTheDocument()
    expect(within(menu).getByRole('menuitem', { name: /top up/i })).toHaveClass('ant-menu-item-selected')
  })

  it('shows each plan with its price exactly as the server wrote it, and what it adds to the balance in the ledger unit', async () => {
    mockApi(routes())
    renderApp('/account/buy')
    await screen.findByText('Starter', { selector: 'h4' })
    const price = (name: string) => within(planCard(name)).getByTestId('plan-price')
    const credits = (name: string) => within(planCard(name)).getByTestId('plan-credits')
    expect(price('Starter')).toHaveTextContent(/^\$9\.90$/)
    expect(credits('Starter')).toHaveTextContent(/^\+\$115\.00 to your balance$/)
    expect(within(planCard('Starter')).getByText('For trying things out')).toBeInTheDocument()
    expect(price('Dime')).toHaveTextContent(/^\$0\.30$/)
    expect(credits('Dime')).toHaveTextContent(/^\+1,500 credits to your balance$/)
    expect(price('Whale')).toHaveTextContent(/^\$9,007,199,254,740,993\.10$/)
    expect(credits('Whale')).toHaveTextContent(/^\+\$0\.10 to your balance$/)
    expect(price('Yen')).toHaveTextContent(/^¥1,200$/)
    expect(credits('Yen')).toHaveTextContent(/^\+1 credit to your balance$/)
    expect(price('Euro')).toHaveTextContent(/^€12\.50$/)
    expect(document.body.textContent).not.toMatch(/9,007,199,254,740,992|0\.30000000/)
  })

  it('creates the order and sends the browser to the Stripe checkout', async () => {
    let release: () => void = () => {}
    const answered = new Promise<void>((resolve) => (release = resolve))
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {})
    const api = mockApi(
      routes({
        'POST /orders': async () => {
          await answered
          return { status: 201, data: { order: { id: 'R20261122-000123', number: 'R20261122-000123', status: 'PENDING' }, checkout_url: CHECKOUT } }
        },
      }),
    )
    const user = userEvent.setup()
    renderApp('/account/buy')
    await screen.findByText('Starter', { selector: 'h4' })
    await user.click(screen.getByRole('button', { name: 'Buy Dime' }))

    // while the order is being created: the clicked button spins, the others are blocked
    await waitFor(() => expect(screen.getByRole('button', { name: 'Buy Dime' })).toHaveClass('ant-btn-loading'))
    expect(screen.getByRole('button', { name: 'Buy Starter' })).toBeDisabled()
    expect(assign).not.toHaveBeenCalled()

    release()
    await waitFor(() => expect(assign).toHaveBeenCalledWith(CHECKOUT))
    expect(assign).toHaveBeenCalledTimes(1)
    expect(api.calls('POST /orders')).toHaveLength(1)
    expect(api.calls('POST /orders')[0].body).toEqual({ plan_id: 2 })
    // still busy until the browser has left
    expect(screen.getByRole('button', { name: 'Buy Starter' })).toBeDisabled()
  })

  it('does not follow a checkout link that is not a web address', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {})
    mockApi(routes({ 'POST /orders': { status: 201, data: { order: null, checkout_url: 'javascript:alert(1)' } } }))
    const user = userEvent.setup()
    renderApp('/account/buy')
    await user.click(await screen.findByRole('button', { name: 'Buy Starter' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('The checkout could not be opened')
    expect(assign).not.toHaveBeenCalled()
  })

  it('on 503 says card payments are not available and blocks buying', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {})
    const api = mockApi(routes({ 'POST /orders': { status: 503, data: { message: 'Card payments are not configured' } } }))
    const user = userEvent.setup()
    renderApp('/account/buy')
    await user.click(await screen.findByRole('button', { name: 'Buy Starter' }))
    const state = await screen.findByTestId('payments-unavailable')
    expect(state).toHaveTextContent('Card payments are not available right now')
    expect(within(state).getByRole('link', { name: /redeem a code/i })).toHaveAttribute('href', '/account/redeem')
    for (const name of ['Buy Starter', 'Buy Dime', 'Buy Whale']) expect(screen.getByRole('button', { name })).toBeDisabled()
    expect(assign).not.toHaveBeenCalled()
    expect(api.calls('POST /orders')).toHaveLength(1)
  })

  it('on 429 shows how long to wait and blocks buying', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {})
    mockApi(routes({ 'POST /orders': { status: 429, data: { message: 'Too many requests', retryAfter: 42 } } }))
    const user = userEvent.setup()
    renderApp('/account/buy')
    await user.click(await screen.findByRole('button', { name: 'Buy Starter' }))
    expect(await screen.findByTestId('buy-throttled')).toHaveTextContent(/Too many attempts\. You can try again in 4[12] seconds\./)
    expect(screen.getByRole('button', { name: 'Buy Starter' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Buy Dime' })).toBeDisabled()
    expect(assign).not.toHaveBeenCalled()
  })

  it('on 422 plan_id shows the reason and refreshes the plans', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {})
    const api = mockApi(
      routes({
        'GET /plans': (_req, n) => ({ status: 200, data: n === 0 ? plans : plans.filter((p) => p.id !== 1) }),
        'POST /orders': {
          status: 422,
          data: { message: 'Validation failed', errors: [{ field: 'plan_id', rule: 'exists', message: 'This plan is not on sale' }] },
        },
      }),
    )
    const user = userEvent.setup()
    renderApp('/account/buy')
    await user.click(await screen.findByRole('button', { name: 'Buy Starter' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('This plan is not on sale')
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Buy Starter' })).toBeNull())
    expect(api.calls('GET /plans')).toHaveLength(2)
    expect(screen.getByRole('button', { name: 'Buy Dime' })).toBeEnabled()
    expect(assign).not.toHaveBeenCalled()
  })

  it.each([
    [403, { message: 'This account is frozen' }, 'This account is frozen'],
    [502, { message: 'Stripe said no' }, 'The payment provider could not start the checkout.'],
  ])('on %i shows an alert and lets the customer try again', async (status, data, text) => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {})
    mockApi(routes({ 'POST /orders': { status, data } }))
    const user = userEvent.setup()
    renderApp('/account/buy')
    await user.click(await screen.findByRole('button', { name: 'Buy Starter' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(text)
    expect(screen.getByRole('button', { name: 'Buy Starter' })).toBeEnabled()
    expect(assign).not.toHaveBeenCalled()
  })

  it('says so when the plans cannot be loaded, and retries', async () => {
    let fail = true
    mockApi(routes({ 'GET /plans': () => (fail ? { status: 500, data: { message: 'boom' } } : { status: 200, data: plans }) }))
    const user = userEvent.setup()
    renderApp('/account/buy')
    expect(await screen.findByText('Could not load the plans')).toBeInTheDocument()
    fail = false
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByText('Starter', { selector: 'h4' })).toBeInTheDocument()
  })
})
