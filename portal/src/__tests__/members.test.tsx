import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { ACTING_ORG_STORAGE_KEY } from '../api/acting'
import i18n from '../i18n'
import { mockApi, walletRoutes } from '../test/mockApi'
import { actingHeader, meWithOrgs } from '../test/orgs'
import { renderApp } from '../test/render'

const members = [
  { id: 1, customer_id: 45, email: 'delta@example.com', nickname: 'Delta Works', role: 'admin', monthly_spend_cap: null, month_spend: '0.000000', joined_at: '2026-09-01T00:00:00.000Z', account_owner: true },
  { id: 2, customer_id: 7, email: 'ada@example.com', nickname: 'Ada', role: 'admin', monthly_spend_cap: null, month_spend: '1.500000', joined_at: '2026-09-02T00:00:00.000Z', account_owner: false },
  { id: 3, customer_id: 8, email: 'dev@example.com', nickname: null, role: 'developer', monthly_spend_cap: '50.000000', month_spend: '12.345000', joined_at: '2026-10-01T00:00:00.000Z', account_owner: false },
]
const invitations = [
  { id: 11, email: 'new@example.com', role: 'finance', status: 'pending', expires_at: '2026-12-01T00:00:00.000Z', created_at: '2026-11-24T00:00:00.000Z' },
  { id: 10, email: 'old@example.com', role: 'developer', status: 'expired', expires_at: '2026-11-01T00:00:00.000Z', created_at: '2026-10-24T00:00:00.000Z' },
]
const usage = {
  currency: 'USD', tz: 'UTC', from: '2026-11-01', to: '2026-11-27',
  members: [{ member_id: 8, email: 'dev@example.com', nickname: null, role: 'developer', active: true, requests: 1200, tokens: 3400000, charged: '12.345000' }],
  unassigned: { requests: 3, tokens: 900, charged: '0.010000' },
}

function routes(extra = {}) {
  sessionStorage.setItem(ACTING_ORG_STORAGE_KEY, '45')
  return mockApi({
    ...walletRoutes,
    'GET /auth/me': meWithOrgs(),
    'GET /org/members': { status: 200, data: members },
    'GET /org/invitations': { status: 200, data: invitations },
    'GET /org/usage/members': { status: 200, data: usage },
    ...extra,
  })
}

async function dialogTitled(title: string | RegExp) {
  const heading = await screen.findByText(title, { selector: '.ant-modal-title' })
  return heading.closest('[role="dialog"]') as HTMLElement
}

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('members page', () => {
  it('lists members with role, cap and this month’s spend, the pending invitations, and usage by member', async () => {
    const api = routes()
    renderApp('/account/members')
    const dev = (await screen.findByText('dev@example.com', { selector: 'td span' })).closest('tr')!
    expect(within(dev).getByTestId('role-tag')).toHaveTextContent('Developer')
    expect(within(dev).getByTestId('member-spend')).toHaveTextContent('$12.345 of $50.00')
    const me = screen.getByText('Ada', { selector: 'td span' }).closest('tr')!
    expect(within(me).getByText('You')).toBeInTheDocument()
    expect(within(me).queryByRole('button', { name: 'Remove' })).not.toBeInTheDocument()
    // the organization's own sign-in stays
    expect(within(screen.getByText('Delta Works', { selector: 'td span' }).closest('tr')!).queryByRole('button', { name: 'Remove' })).not.toBeInTheDocument()
    expect(screen.getByText('new@example.com')).toBeInTheDocument()
    expect(screen.queryByText('old@example.com')).not.toBeInTheDocument()

    const usageRow = (await screen.findByText('Keys assigned to no member')).closest('tr')!
    expect(usageRow).toHaveTextContent('$0.01')
    expect(screen.getAllByTestId('member-usage-charged')[0]).toHaveTextContent('$12.345')
    const query = api.calls('GET /org/usage/members')[0].query
    expect(query.get('from')).toMatch(/^\d{4}-\d{2}-01$/)
    expect(query.get('tz')).toBeTruthy()
    expect(api.requests.every((r) => actingHeader(r) === '45')).toBe(true)
  })

  it('invites by email with a role', async () => {
    const api = routes({ 'POST /org/invitations': { status: 201, data: { id: 12 } } })
    const user = userEvent.setup()
    renderApp('/account/members')
    await user.click(await screen.findByRole('button', { name: /Invite a member/ }))
    const dialog = await dialogTitled('Invite a member')
    await user.type(within(dialog).getByLabelText('Email'), 'bob@example')
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }))
    expect(await within(dialog).findByText('Enter a valid email address')).toBeInTheDocument()
    await user.type(within(dialog).getByLabelText('Email'), '.com')
    await user.click(within(dialog).getByLabelText('Role'))
    await user.click(await screen.findByText('Finance', { selector: '.ant-select-item-option-content' }))
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }))
    await waitFor(() => expect(api.calls('POST /org/invitations')).toHaveLength(1))
    expect(api.calls('POST /org/invitations')[0].body).toEqual({ email: 'bob@example.com', role: 'finance' })
    expect(await screen.findByText('Invitation sent to bob@example.com')).toBeInTheDocument()
  })

  it('changes a role and cap, removes a member after confirming, and revokes an invitation', async () => {
    const api = routes({ 'PATCH /org/members/3': { status: 200, data: {} }, 'DELETE /org/members/3': { status: 204 }, 'DELETE /org/invitations/11': { status: 204 } })
    const user = userEvent.setup()
    renderApp('/account/members')
    const dev = (await screen.findByText('dev@example.com', { selector: 'td span' })).closest('tr')!
    await user.click(within(dev).getByRole('button', { name: /Edit/ }))
    const dialog = await dialogTitled('Edit dev@example.com')
    const cap = within(dialog).getByLabelText('Monthly spend cap (USD)')
    expect(cap).toHaveValue('50')
    await user.clear(cap)
    await user.type(cap, '-5')
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }))
    expect(await within(dialog).findByText('Enter an amount such as 12.50')).toBeInTheDocument()
    await user.clear(cap)
    await user.type(cap, '75.5')
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(api.calls('PATCH /org/members/3')).toHaveLength(1))
    expect(api.calls('PATCH /org/members/3')[0].body).toEqual({ role: 'developer', monthly_spend_cap: '75.5' })

    await user.click(within(dev).getByRole('button', { name: 'Remove' }))
    const confirmRemove = await waitFor(() => {
      const popup = document.querySelector('.ant-popconfirm') as HTMLElement | null
      if (!popup) throw new Error('no confirmation yet')
      return popup
    })
    expect(confirmRemove).toHaveTextContent('Remove dev@example.com?')
    expect(api.calls('DELETE /org/members/3')).toHaveLength(0)
    await user.click(within(confirmRemove).getByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(api.calls('DELETE /org/members/3')).toHaveLength(1))

    await user.click(within(screen.getByText('new@example.com').closest('tr')!).getByRole('button', { name: 'Revoke' }))
    const confirmRevoke = await waitFor(() => {
      const popup = [...document.querySelectorAll('.ant-popconfirm')].find((p) => p.textContent?.includes('new@example.com')) as HTMLElement | undefined
      if (!popup) throw new Error('no confirmation yet')
      return popup
    })
    await user.click(within(confirmRevoke).getByRole('button', { name: 'Revoke' }))
    await waitFor(() => expect(api.calls('DELETE /org/invitations/11')).toHaveLength(1))
  })
})
