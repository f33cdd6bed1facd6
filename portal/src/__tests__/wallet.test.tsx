import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import dayjs from 'dayjs'
import { describe, expect, it } from 'vitest'
import { mockApi, signedIn, walletRoutes, type RecordedRequest } from '../test/mockApi'
import { renderApp } from '../test/render'

const noon = (days: number) => dayjs().add(days, 'day').hour(12).minute(0).second(0).millisecond(0).toISOString()

const wallet = {
  asset: 'USD',
  cash: '0.100000',
  gift: '0.200000',
  total: '0.300000',
  gift_lots: [
    { id: 1, source_type: 'campaign', amount: '0.500000', remaining: '0.100000', expires_at: noon(3), granted_at: '2026-10-01T08:00:00.000Z' },
    { id: 2, source_type: 'redemption_code', amount: '0.200000', remaining: '0.200000', expires_at: noon(1), granted_at: '2026-10-02T08:00:00.000Z' },
    { id: 3, source_type: 'voucher', amount: '5.000000', remaining: '5.000000', expires_at: noon(30), granted_at: '2026-10-03T08:00:00.000Z' },
    { id: 4, source_type: 'mystery_bonus', amount: '1.000000', remaining: '1.000000', expires_at: null, granted_at: '2026-10-04T08:00:00.000Z' },
  ],
}

const tx = (id: number, type: string, amount: string, extra: object = {}) => ({
  id,
  created_at: '2026-11-20T10:00:00.000Z',
  type,
  amount,
  reference_type: null,
  reference_id: null,
  memo: null,
  ...extra,
})

const ORDER = 'R20261120-000007'
/** As the server sends them: internal references and English staff memos, plus `details` resolved for the customer. */
const firstPage = [
  tx(45, 'usage_charge', '1.250000', { memo: 'API usage November' }),
  tx(44, 'recharge', '10.000000', { reference_type: 'order', reference_id: '7', memo: `Recharge ${ORDER} (Starter)`, details: { order_number: ORDER, plan_name: 'Starter', plan_name_zh: '入门版' } }),
  tx(43, 'reversal', '-5.000000', { reference_type: 'transaction', reference_id: '12', details: { reversed_type: 'voucher_grant' } }),
  tx(42, 'voucher_expiry', '0.300000', { reference_type: 'gift_lot', reference_id: '3', memo: 'Gift balance expired', details: { source_type: 'campaign' } }),
  tx(41, 'refund_hold', '2.000000', { reference_type: 'refund', reference_id: '3', memo: 'Refund 3 approved: amount held', details: { order_number: ORDER } }),
  tx(40, 'redeem', '0.000125', { reference_type: 'redemption_code', reference_id: '7', memo: 'Redemption code VEO-****-K7QX', details: { code_last4: 'K7QX' } }),
  tx(39, 'refund_settle', '2.000000', { reference_type: 'refund', reference_id: '3', details: { order_number: ORDER } }),
]
const RECHARGE_ROW = `Order ${ORDER} · Starter`

function lastHistoryQuery(requests: RecordedRequest[]) {
  const calls = requests.filter((r) => r.method === 'GET' && r.url === '/wallet/transactions')
  return calls[calls.length - 1]?.query
}

function rowOf(text: string) {
  // a table row (the menu has a "Usage" entry too)
  const row = screen
    .getAllByText(text)
    .map((e) => e.closest('tr'))
    .find(Boolean)
  if (!row) throw new Error(`no row for ${text}`)
  return row as HTMLElement
}

describe('wallet page', () => {
  it('is the first page after sign-in and the first menu entry', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': signedIn })
    const { location } = renderApp('/account')
    await waitFor(() => expect(location()).toBe('/account/wallet'))
    expect(await screen.findByRole('heading', { name: 'Wallet' })).toBeInTheDocument()
    const menu = screen.getByRole('menu', { name: 'My account' })
    const items = within(menu).getAllByRole('menuitem').map((i) => i.textContent)
    expect(items.slice(0, 2)).toEqual(['Wallet', 'Redeem a code'])
    expect(items).toContain('Profile')
    expect(within(menu).getByRole('menuitem', { name: /wallet/i })).toHaveClass('ant-menu-item-selected')
  })

  it('shows the balances exactly as the server sent them, without float artefacts', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': signedIn, 'GET /wallet': { status: 200, data: wallet } })
    renderApp('/account/wallet')
    expect(await screen.findByTestId('balance-total')).toHaveTextContent(/^\$0\.30$/)
    expect(screen.getByTestId('balance-cash')).toHaveTextContent(/^\$0\.10$/)
    expect(screen.getByTestId('balance-gift')).toHaveTextContent(/^\$0\.20$/)
    expect(document.body.textContent).not.toMatch(/0\.3000000000000000[0-9]|0\.30000000/)
  })

  it('shows what the customer owes (arrears) with a way to settle it, and nothing when nothing is owed', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': signedIn, 'GET /wallet': { status: 200, data: { ...wallet, cash: '0.000000', arrears: '7.000000' } } })
    renderApp('/account/wallet')
    const alert = await screen.findByTestId('wallet-arrears')
    expect(alert).toHaveTextContent('You owe $7.00')
    expect(alert).toHaveTextContent(/settled first by your next purchase/)
    expect(within(alert).getByRole('link', { name: 'Top up' })).toHaveAttribute('href', '/account/buy')
  })

  it('shows no arrears notice when nothing is owed', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': signedIn, 'GET /wallet': { status: 200, data: { ...wallet, arrears: '0.000000' } } })
    renderApp('/account/wallet')
    expect(await screen.findByTestId('balance-total')).toBeInTheDocument()
    expect(screen.queryByTestId('wallet-arrears')).toBeNull()
  })

  it('keeps digits a JS number would lose, and sub-cent amounts', async () => {
    mockApi({
      ...walletRoutes,
      'GET /auth/me': signedIn,
      'GET /wallet': {
        status: 200,
        data: { ...wallet, cash: '9007199254740993.000000', gift: '0.000125', total: '9007199254740993.000125', gift_lots: [] },
      },
    })
    renderApp('/account/wallet')
    expect(await screen.findByTestId('balance-total')).toHaveTextContent(/^\$9,007,199,254,740,993\.000125$/)
    expect(screen.getByTestId('balance-cash')).toHaveTextContent(/^\$9,007,199,254,740,993\.00$/)
    expect(screen.getByTestId('balance-gift')).toHaveTextContent(/^\$0\.000125$/)
  })

  it('shows credits as credits', async () => {
    mockApi({
      ...walletRoutes,
      'GET /auth/me': signedIn,
      'GET /wallet': { status: 200, data: { asset: 'CREDIT', cash: '1500.000000', gift: '2.500000', total: '1502.500000', gift_lots: [] } },
    })
    renderApp('/account/wallet')
    expect(await screen.findByTestId('balance-total')).toHaveTextContent(/^1,502\.5 credits$/)
    expect(screen.getByTestId('balance-cash')).toHaveTextContent(/^1,500 credits$/)
  })

  it('lists gift lots with expiry dates and warns about those expiring within 7 days', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': signedIn, 'GET /wallet': { status: 200, data: wallet } })
    renderApp('/account/wallet')
    await screen.findByTestId('balance-total')

    const promo = rowOf('Promotion')
    expect(within(promo).getByText('$0.10')).toBeInTheDocument()
    expect(within(promo).getByText('of $0.50')).toBeInTheDocument() // partly used
    expect(within(promo).getByTestId('expiry-warning')).toHaveTextContent('Expires in 3 days')
    expect(within(promo).getByText(dayjs(wallet.gift_lots[0].expires_at).format('LL'))).toBeInTheDocument()

    expect(within(rowOf('Gift code')).getByTestId('expiry-warning')).toHaveTextContent('Expires tomorrow')
    expect(within(rowOf('Voucher')).queryByTestId('expiry-warning')).toBeNull() // 30 days away
    expect(within(rowOf('Mystery bonus')).getByText('Does not expire')).toBeInTheDocument()
    expect(screen.getAllByTestId('expiry-warning')).toHaveLength(2)

    // 0.1 + 0.2 summed exactly
    expect(screen.getByTestId('expiring-alert')).toHaveTextContent('$0.30 of your gift balance expires within the next 7 days.')
  })

  it('loads the history with the default page and X-Total-Count, and shows direction per type and what each row is about', async () => {
    const api = mockApi({
      'GET /auth/me': signedIn,
      'GET /wallet': { status: 200, data: wallet },
      'GET /wallet/transactions': { status: 200, data: firstPage, headers: { 'x-total-count': '45' } },
    })
    renderApp('/account/wallet')
    expect(await screen.findByText(RECHARGE_ROW)).toBeInTheDocument()

    const query = lastHistoryQuery(api.requests)!
    expect(Object.fromEntries(query)).toEqual({ _start: '0', _end: '20', _sort: 'id', _order: 'desc' })
    expect(screen.getByText('1–20 of 45 transactions')).toBeInTheDocument()
    expect(screen.getByTitle('3')).toBeInTheDocument() // 45 rows / 20 per page
    expect(screen.queryByTitle('4')).toBeNull()

    // never the staff memo, never an internal id
    expect(screen.queryByText(/API usage November|Refund 3 approved|#\d/)).toBeNull()
    const usage = rowOf('Usage')
    expect(within(usage).getByText('\u2212$1.25')).toBeInTheDocument()
    expect(within(rowOf(RECHARGE_ROW)).getByText('+$10.00')).toBeInTheDocument()
    expect(within(rowOf(RECHARGE_ROW)).getByText('Recharge')).toBeInTheDocument()
    // a reversal carries its own sign: undoing a voucher takes the money back
    expect(within(rowOf('Undoes: Voucher received')).getByText('\u2212$5.00').closest('[data-direction]')).toHaveAttribute('data-direction', 'out')
    expect(rowOf('Gift from: Promotion')).toHaveTextContent('Voucher expired')
    expect(rowOf('Gift from: Promotion')).toHaveTextContent('\u2212$0.30')
    expect(rowOf('Refund requested: amount held')).toHaveTextContent(`Refund of order ${ORDER}`)
    expect(rowOf('Refund requested: amount held')).toHaveTextContent('\u2212$2.00')
    // paid out of the hold: the spendable balance moved at the hold, not again here
    const payout = rowOf('Refund paid out (from the held amount)')
    expect(payout).toHaveTextContent('$2.00')
    expect(payout).not.toHaveTextContent(/[+\u2212]\$2\.00/)
    expect(rowOf('Code ····K7QX')).toHaveTextContent('+$0.000125')
    // every row that moved the spendable balance has a sign
    for (const amount of document.querySelectorAll('.cd-amount:not(.cd-amount-held)')) expect(amount.textContent).toMatch(/^[+\u2212]/)
  })

  it('pages on the server, and filters by type and date with the right query parameters', async () => {
    const api = mockApi({
      'GET /auth/me': signedIn,
      'GET /wallet': { status: 200, data: wallet },
      'GET /wallet/transactions': (req) => ({
        status: 200,
        data: req.query.get('_start') === '20' ? [tx(25, 'redeem', '1.000000', { details: { code_last4: 'PAGE' } })] : firstPage,
        headers: { 'x-total-count': req.query.has('type') ? '6' : '45' },
      }),
    })
    const user = userEvent.setup()
    renderApp('/account/wallet')
    await screen.findByText(RECHARGE_ROW)

    await user.click(screen.getByTitle('2'))
    expect(await screen.findByText('Code ····PAGE')).toBeInTheDocument()
    expect(lastHistoryQuery(api.requests)!.get('_start')).toBe('20')
    expect(lastHistoryQuery(api.requests)!.get('_end')).toBe('40')

    // type filter: repeated `type=` keys, back to the first page
    await user.click(screen.getByRole('combobox', { name: 'Transaction type' }))
    await user.click(await screen.findByTitle('Usage'))
    await waitFor(() => expect(lastHistoryQuery(api.requests)!.getAll('type')).toEqual(['usage_charge']))
    expect(lastHistoryQuery(api.requests)!.get('_start')).toBe('0')
    await user.click(screen.getByTitle('Refund requested: amount held'))
    await waitFor(() => expect(lastHistoryQuery(api.requests)!.getAll('type')).toEqual(['usage_charge', 'refund_hold']))
    await user.keyboard('{Escape}')
    expect(await screen.findByText('1–6 of 6 transactions')).toBeInTheDocument()

    // date range: whole local days, as ISO timestamps
    await user.click(screen.getByPlaceholderText('Start date'))
    await user.click(await screen.findByText('Last 7 days'))
    await waitFor(() => expect(lastHistoryQuery(api.requests)!.get('created_at_gte')).toBe(dayjs().subtract(6, 'day').startOf('day').toISOString()))
    const q = lastHistoryQuery(api.requests)!
    expect(q.get('created_at_lte')).toBe(dayjs().endOf('day').toISOString())
    expect(q.getAll('type')).toEqual(['usage_charge', 'refund_hold'])
    expect(q.get('_sort')).toBe('id')
    expect(q.get('_order')).toBe('desc')

    await user.click(screen.getByRole('button', { name: 'Clear filters' }))
    await waitFor(() => expect(lastHistoryQuery(api.requests)!.has('type')).toBe(false))
    expect(lastHistoryQuery(api.requests)!.has('created_at_gte')).toBe(false)
    expect(lastHistoryQuery(api.requests)!.has('created_at_lte')).toBe(false)
  })

  it('changes the page size on the server too', async () => {
    const api = mockApi({
      'GET /auth/me': signedIn,
      'GET /wallet': { status: 200, data: wallet },
      'GET /wallet/transactions': { status: 200, data: firstPage, headers: { 'x-total-count': '120' } },
    })
    const user = userEvent.setup()
    renderApp('/account/wallet')
    await screen.findByText(RECHARGE_ROW)
    await user.click(screen.getByTitle('3'))
    await waitFor(() => expect(lastHistoryQuery(api.requests)!.get('_start')).toBe('40'))

    await user.click(screen.getByRole('combobox', { name: /page size/i }))
    await user.click(await screen.findByTitle('50 / page'))
    await waitFor(() => expect(lastHistoryQuery(api.requests)!.get('_end')).toBe('50'))
    expect(lastHistoryQuery(api.requests)!.get('_start')).toBe('0')
  })

  it('says so when the wallet cannot be loaded, and retries', async () => {
    let fail = true
    const api = mockApi({
      ...walletRoutes,
      'GET /auth/me': signedIn,
      'GET /wallet': () => (fail ? { status: 500, data: { message: 'boom' } } : { status: 200, data: wallet }),
    })
    const user = userEvent.setup()
    renderApp('/account/wallet')
    expect(await screen.findByText('Could not load your wallet')).toBeInTheDocument()
    fail = false
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByTestId('balance-total')).toHaveTextContent('$0.30')
    expect(api.calls('GET /wallet')).toHaveLength(2)
  })
})
