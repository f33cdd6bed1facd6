import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { ACTING_ORG_STORAGE_KEY } from '../api/acting'
import { mockApi, walletRoutes } from '../test/mockApi'
import { meWithOrgs } from '../test/orgs'
import { renderApp } from '../test/render'

const key = {
  id: 1, name: 'Team key', prefix: 'Pre1xyzw', status: 'enabled', state: 'enabled', expires_at: null, allowed_models: null, ip_allowlist: null,
  rpm_limit: null, tpm_limit: null, daily_spend_cap: null, monthly_spend_cap: null, spend_today: '0.000000', spend_month: '0.000000',
  daily_resets_at: null, monthly_resets_at: null, last_used_at: null, created_at: '2026-11-20T10:00:00.000Z', rolled_from_id: null, member_id: 8,
}
const members = [
  { id: 2, customer_id: 7, email: 'ada@example.com', nickname: 'Ada', role: 'admin', monthly_spend_cap: null, month_spend: '0.000000', joined_at: null },
  { id: 3, customer_id: 8, email: 'dev@example.com', nickname: null, role: 'developer', monthly_spend_cap: '50.000000', month_spend: '0.000000', joined_at: null },
]

function actAs(orgId: number) {
  sessionStorage.setItem(ACTING_ORG_STORAGE_KEY, String(orgId))
  return mockApi({
    ...walletRoutes,
    'GET /auth/me': meWithOrgs(),
    'GET /keys': { status: 200, data: [key] },
    'GET /models': { status: 200, data: [] },
    'GET /org/members': { status: 200, data: members },
    'PATCH /keys/1': (req) => ({ status: 200, data: { key: { ...key, ...(req.body as object) } } }),
  })
}

describe('keys of an organization', () => {
  it('its admin sees who each key is assigned to and reassigns it', async () => {
    const api = actAs(45)
    const user = userEvent.setup()
    renderApp('/account/keys')
    const row = (await screen.findByText('Team key')).closest('tr')!
    const select = await within(row).findByRole('combobox', { name: 'Assigned to' })
    await waitFor(() => expect(row).toHaveTextContent('dev@example.com'))
    await user.click(select)
    await user.click(await screen.findByText('Ada', { selector: '.ant-select-item-option-content' }))
    await waitFor(() => expect(api.calls('PATCH /keys/1')).toHaveLength(1))
    expect(api.calls('PATCH /keys/1')[0].body).toEqual({ member_id: 7 })
    expect(await screen.findByText('Key reassigned')).toBeInTheDocument()
  })

  it('a developer sees their keys without the assignment', async () => {
    const api = actAs(42)
    renderApp('/account/keys')
    await screen.findByText('Team key')
    expect(screen.queryByRole('combobox', { name: 'Assigned to' })).not.toBeInTheDocument()
    expect(screen.queryByRole('columnheader', { name: 'Assigned to' })).not.toBeInTheDocument()
    expect(api.calls('GET /org/members')).toHaveLength(0)
  })
})
