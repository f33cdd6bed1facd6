import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { emptyWallet, mockApi, signedIn } from '../test/mockApi'
import { renderApp } from '../test/render'

function formItemOf(element: HTMLElement) {
  const item = element.closest('.ant-form-item')
  if (!item) throw new Error('not inside a form item')
  return item as HTMLElement
}

const before = { ...emptyWallet, cash: '1.000000', total: '1.000000' }
const after = { ...emptyWallet, cash: '1.000000', gift: '5.000000', total: '6.000000' }

/** GET /wallet answers `before` until a redemption succeeded, then `after`. */
function walletThatChanges() {
  let redeemed = false
  return {
    routes: {
      'GET /wallet': () => ({ status: 200, data: redeemed ? after : before }),
      'GET /wallet/transactions': { status: 200, data: [], headers: { 'x-total-count': '0' } },
    },
    markRedeemed: () => {
      redeemed = true
    },
  }
}

describe('redeem a code', () => {
  it('is in the menu and linked from the wallet', async () => {
    mockApi({ 'GET /auth/me': signedIn, 'GET /wallet': { status: 200, data: before }, 'GET /wallet/transactions': { status: 200, data: [] } })
    const user = userEvent.setup()
    const { location } = renderApp('/account/wallet')
    await user.click(await screen.findByRole('link', { name: /redeem a code/i }))
    await waitFor(() => expect(location()).toBe('/account/redeem'))
    expect(await screen.findByRole('heading', { name: 'Redeem a code', level: 3 })).toBeInTheDocument()
    expect(within(screen.getByRole('menu', { name: 'My account' })).getByRole('menuitem', { name: /redeem a code/i })).toHaveClass(
      'ant-menu-item-selected',
    )
  })

  it('formats the code as it is typed, redeems it, shows what was credited and refreshes the balance', async () => {
    const wallet = walletThatChanges()
    const api = mockApi({
      ...wallet.routes,
      'GET /auth/me': signedIn,
      'POST /wallet/redeem': () => {
        wallet.markRedeemed()
        return {
          status: 201,
          data: {
            message: 'Code redeemed: 5.00 USD added to your gift balance',
            redemption: { code: 'VEO-••••-EFGH', amount: '5.000000', asset: 'USD', bucket: 'gift', gift_expires_at: '2026-12-31T12:00:00.000Z' },
          },
        }
      },
    })
    const user = userEvent.setup()
    renderApp('/account/redeem')
    expect(await screen.findByTestId('balance-total')).toHaveTextContent('$1.00')

    const input = screen.getByLabelText('Code')
    await user.type(input, 'veo abcd efgh')
    expect(input).toHaveValue('VEO-ABCD-EFGH')
    await user.click(screen.getByRole('button', { name: 'Redeem' }))

    expect(await screen.findByText('Code redeemed')).toBeInTheDocument()
    expect(screen.getByText(/^\+\$5\.00 added to your gift balance\. This gift balance expires on December 31, 2026\.$/)).toBeInTheDocument()
    expect(api.calls('POST /wallet/redeem')[0].body).toEqual({ code: 'VEO-ABCD-EFGH' })
    await waitFor(() => expect(screen.getByTestId('balance-total')).toHaveTextContent('$6.00'))
    expect(screen.getByTestId('balance-gift')).toHaveTextContent('$5.00')
    expect(api.calls('GET /wallet')).toHaveLength(2)

    await user.click(screen.getByRole('button', { name: 'Redeem another code' }))
    expect(screen.getByLabelText('Code')).toHaveValue('')
  })

  it('accepts the documented `credited` shape, and words the outcome itself when the server says only a message', async () => {
    const api = mockApi({
      'GET /auth/me': signedIn,
      'GET /wallet': { status: 200, data: before },
      'POST /wallet/redeem': (_req, n) =>
        n === 0
          ? { status: 200, data: { message: 'Redeemed!', credited: { bucket: 'cash', amount: '10.000000' } } }
          : { status: 200, data: { message: 'Your code was redeemed (server wording)' } },
    })
    const user = userEvent.setup()
    renderApp('/account/redeem')
    await user.type(await screen.findByLabelText('Code'), 'ABCDEFGH')
    await user.click(screen.getByRole('button', { name: 'Redeem' }))
    expect(await screen.findByText('+$10.00 added to your cash balance.')).toBeInTheDocument()
    expect(api.calls('POST /wallet/redeem')[0].body).toEqual({ code: 'ABCD-EFGH' })

    await user.click(screen.getByRole('button', { name: 'Redeem another code' }))
    await user.type(screen.getByLabelText('Code'), 'VEO-JKLM-NPQR')
    await user.click(screen.getByRole('button', { name: 'Redeem' }))
    // the server's message is English only: never shown
    expect(await screen.findByText('The code was redeemed and your wallet has been updated.')).toBeInTheDocument()
    expect(screen.queryByText('Your code was redeemed (server wording)')).toBeNull()
  })

  it('says when the code had already been redeemed by this customer (replay)', async () => {
    mockApi({
      'GET /auth/me': signedIn,
      'GET /wallet': { status: 200, data: before },
      'POST /wallet/redeem': {
        status: 200,
        headers: { 'idempotency-replayed': 'true' },
        data: { message: 'Code redeemed', redemption: { amount: '5.000000', bucket: 'cash' } },
      },
    })
    const user = userEvent.setup()
    renderApp('/account/redeem')
    await user.type(await screen.findByLabelText('Code'), 'VEO-ABCD-EFGH')
    await user.click(screen.getByRole('button', { name: 'Redeem' }))
    expect(await screen.findByText('Already redeemed')).toBeInTheDocument()
    expect(screen.getByText(/nothing was added again/)).toBeInTheDocument()
  })

  it.each([
    ['unknown', 'This code does not exist. Check it and try again.'],
    ['already redeemed', 'This code has already been redeemed.'],
    ['expired', 'This code expired on 2026-01-31.'],
    ['voided', 'This code has been cancelled and can no longer be redeemed.'],
  ])('shows the %s error on the code field', async (_case, serverMessage) => {
    const api = mockApi({
      'GET /auth/me': signedIn,
      'GET /wallet': { status: 200, data: before },
      'POST /wallet/redeem': { status: 422, data: { message: serverMessage, errors: [{ field: 'code', message: serverMessage }] } },
    })
    const user = userEvent.setup()
    renderApp('/account/redeem')
    const input = await screen.findByLabelText('Code')
    await user.type(input, 'VEO-ABCD-EFGH')
    await user.click(screen.getByRole('button', { name: 'Redeem' }))
    const error = await screen.findByText(serverMessage)
    expect(formItemOf(input)).toContainElement(error)
    expect(formItemOf(input)).toHaveClass('ant-form-item-has-error')
    expect(screen.queryByText('Code redeemed')).toBeNull()
    expect(input).toHaveValue('VEO-ABCD-EFGH') // kept, to be corrected
    expect(api.calls('POST /wallet/redeem')).toHaveLength(1)
    expect(api.calls('GET /wallet')).toHaveLength(1) // nothing to refresh

    // editing the code clears the server's complaint
    await user.type(input, 'X')
    await waitFor(() => expect(screen.queryByText(serverMessage)).toBeNull())
  })

  it('on 429 shows how long to wait and blocks the button', async () => {
    mockApi({
      'GET /auth/me': signedIn,
      'GET /wallet': { status: 200, data: before },
      'POST /wallet/redeem': {
        status: 429,
        data: { message: 'Too many failed attempts to redeem a code. Try again in 15 minutes.', retryAfter: 900 },
        headers: { 'retry-after': '900' },
      },
    })
    const user = userEvent.setup()
    renderApp('/account/redeem')
    await user.type(await screen.findByLabelText('Code'), 'VEO-ABCD-EFGH')
    await user.click(screen.getByRole('button', { name: 'Redeem' }))
    expect(await screen.findByTestId('redeem-throttled')).toHaveTextContent(/Too many attempts\. You can try again in 1[45] minutes\./)
    expect(screen.getByRole('button', { name: 'Redeem' })).toBeDisabled()
  })

  it('counts a short wait in seconds', async () => {
    mockApi({
      'GET /auth/me': signedIn,
      'GET /wallet': { status: 200, data: before },
      'POST /wallet/redeem': { status: 429, data: { message: 'Too many', retryAfter: 42 } },
    })
    const user = userEvent.setup()
    renderApp('/account/redeem')
    await user.type(await screen.findByLabelText('Code'), 'VEO-ABCD-EFGH')
    await user.click(screen.getByRole('button', { name: 'Redeem' }))
    expect(await screen.findByTestId('redeem-throttled')).toHaveTextContent(/try again in 4[12] seconds/)
  })

  it('shows other refusals (frozen account) as an alert', async () => {
    mockApi({
      'GET /auth/me': signedIn,
      'GET /wallet': { status: 200, data: before },
      'POST /wallet/redeem': { status: 403, data: { message: 'This account is frozen and cannot redeem codes' } },
    })
    const user = userEvent.setup()
    renderApp('/account/redeem')
    await user.type(await screen.findByLabelText('Code'), 'VEO-ABCD-EFGH')
    await user.click(screen.getByRole('button', { name: 'Redeem' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('This account is frozen and cannot redeem codes')
  })

  it('checks the input before calling the server', async () => {
    const api = mockApi({ 'GET /auth/me': signedIn, 'GET /wallet': { status: 200, data: before } })
    const user = userEvent.setup()
    renderApp('/account/redeem')
    await user.click(await screen.findByRole('button', { name: 'Redeem' }))
    expect(await screen.findByText('Enter the code')).toBeInTheDocument()
    await user.type(screen.getByLabelText('Code'), 'abc')
    await user.click(screen.getByRole('button', { name: 'Redeem' }))
    expect(await screen.findByText('That is too short for a code. Codes look like VEO-XXXX-XXXX.')).toBeInTheDocument()
    expect(api.calls('POST /wallet/redeem')).toHaveLength(0)
  })
})
