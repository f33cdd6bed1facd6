import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import i18n from '../i18n'
import { mockApi, signedIn, walletRoutes } from '../test/mockApi'
import { renderApp } from '../test/render'

const SECRET = 'cd_Ab3dEf7h_5KJp2wQ9xYz8nM4vB6cR1tL3sD7fG2hJ9kP'

const key = (id: number, extra: object = {}) => ({
  id,
  name: `Key ${id}`,
  prefix: `Pre${id}xyzw`,
  status: 'enabled',
  state: 'enabled',
  expires_at: null,
  allowed_models: null,
  ip_allowlist: null,
  rpm_limit: null,
  tpm_limit: null,
  daily_spend_cap: null,
  monthly_spend_cap: null,
  spend_today: '0.000000',
  spend_month: '1.250000',
  daily_resets_at: '2026-11-28T00:00:00.000Z',
  monthly_resets_at: '2026-12-01T00:00:00.000Z',
  last_used_at: null,
  created_at: '2026-11-20T10:00:00.000Z',
  rolled_from_id: null,
  ...extra,
})

const models = [{ code: 'gpt-4o-mini', name: 'GPT-4o mini', vendor: 'OpenAI', kind: 'text', billing_unit: 'per_1m_tokens' }]

/** antd gives every modal the same title id under test, so a dialog is found by its title text. */
async function dialogTitled(title: string | RegExp) {
  const heading = await screen.findByText(title, { selector: '.ant-modal-title' })
  return heading.closest('[role="dialog"]') as HTMLElement
}

function routes(keys: object[], extra = {}) {
  return {
    ...walletRoutes,
    'GET /auth/me': signedIn,
    'GET /keys': { status: 200, data: keys },
    'GET /models': { status: 200, data: models },
    ...extra,
  }
}

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('API keys page', () => {
  it('lists keys by prefix with their state, spend this month and limits', async () => {
    mockApi(
      routes([
        key(1, { rpm_limit: 60, monthly_spend_cap: '50.000000', allowed_models: ['gpt-4o-mini'] }),
        key(2, { status: 'disabled', state: 'disabled' }),
        key(3, { state: 'expired', expires_at: '2026-01-01T00:00:00.000Z' }),
      ]),
    )
    renderApp('/account/keys')
    const row = (await screen.findByText('Key 1')).closest('tr')!
    expect(within(row).getByText('cd_Pre1xyzw_…')).toBeInTheDocument()
    expect(within(row).getByTestId('key-state')).toHaveTextContent('Enabled')
    expect(within(row).getByTestId('key-spend-month')).toHaveTextContent('$1.25')
    expect(within(row).getByText('60 requests/min')).toBeInTheDocument()
    expect(within(row).getByText('Monthly cap $50.00')).toBeInTheDocument()
    expect(within(row).getByText('1 model only')).toBeInTheDocument()
    expect(within(screen.getByText('Key 2').closest('tr')!).getByRole('button', { name: /Enable/ })).toBeInTheDocument()
    expect(within(screen.getByText('Key 3').closest('tr')!).getByTestId('key-state')).toHaveTextContent('Expired')
    expect(screen.getByText(/only a hash of each key/)).toBeInTheDocument()
  })

  it('creates a key, shows its secret once with a copy button, and never again after closing', async () => {
    const api = mockApi(routes([], { 'POST /keys': { status: 201, data: { key: key(9, { name: 'Production' }), secret: SECRET } } }))
    const user = userEvent.setup()
    renderApp('/account/keys')
    await screen.findByText('You have no API keys yet.')

    await user.click(screen.getByRole('button', { name: /Create key/ }))
    const dialog = await dialogTitled('Create an API key')
    await user.type(within(dialog).getByLabelText('Name'), 'Production')
    await user.type(within(dialog).getByLabelText(/Requests per minute/), '120')
    await user.type(within(dialog).getByLabelText(/Daily spend cap/), '5.5')
    expect(within(dialog).getByText(/Resets every day at 00:00 UTC, which is .* in your time zone/)).toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }))

    const reveal = await dialogTitled('Your new API key')
    expect(within(reveal).getByTestId('key-secret')).toHaveTextContent(SECRET)
    expect(within(reveal).getByText('This is the only time this key is shown')).toBeInTheDocument()
    expect(within(reveal).getByText(/store only a hash/)).toBeInTheDocument()
    expect(api.calls('POST /keys')[0].body).toEqual({
      name: 'Production',
      allowed_models: null,
      ip_allowlist: null,
      rpm_limit: 120,
      tpm_limit: null,
      daily_spend_cap: '5.5',
      monthly_spend_cap: null,
    })

    await user.click(within(reveal).getByRole('button', { name: /Copy key/ }))
    expect(await navigator.clipboard.readText()).toBe(SECRET)

    await user.click(within(reveal).getByRole('button', { name: 'I have copied it' }))
    await waitFor(() => expect(screen.queryByTestId('key-secret')).not.toBeInTheDocument())
    expect(document.body.textContent).not.toContain(SECRET)
    // the list shows only the prefix
    const row = (await screen.findByText('Production')).closest('tr')!
    expect(within(row).getByText('cd_Pre9xyzw_…')).toBeInTheDocument()
  })

  it('refuses an IP allowlist entry that is not an address or CIDR block, before sending', async () => {
    const api = mockApi(routes([]))
    const user = userEvent.setup()
    renderApp('/account/keys')
    await screen.findByText('You have no API keys yet.')
    await user.click(screen.getByRole('button', { name: /Create key/ }))
    const dialog = await dialogTitled('Create an API key')
    await user.type(within(dialog).getByLabelText('Name'), 'Office')
    await user.type(within(dialog).getByLabelText(/IP allowlist/), '10.0.0.0/8 300.1.1.1{Enter}')
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }))
    expect(await within(dialog).findByText('“300.1.1.1” is not an IP address or CIDR block')).toBeInTheDocument()
    expect(api.calls('POST /keys')).toHaveLength(0)
  })

  it('rolls a key with the chosen overlap and shows the new secret once', async () => {
    const rolled = key(5, { name: 'Key 4', rolled_from_id: 4 })
    const api = mockApi(
      routes([key(4)], {
        'POST /keys/4/roll': { status: 201, data: { key: rolled, secret: SECRET, previous: key(4, { expires_at: '2026-11-28T10:00:00.000Z' }) } },
      }),
    )
    const user = userEvent.setup()
    renderApp('/account/keys')
    const row = (await screen.findByText('Key 4')).closest('tr')!
    await user.click(within(row).getByRole('button', { name: /Roll/ }))
    const dialog = await dialogTitled(/Roll .Key 4./)
    await user.click(within(dialog).getByText('24 hours'))
    await user.click(within(dialog).getByRole('button', { name: 'Roll key' }))
    const reveal = await dialogTitled('Your rolled API key')
    expect(within(reveal).getByTestId('key-secret')).toHaveTextContent(SECRET)
    expect(within(reveal).getByText(/The previous key keeps working until/)).toBeInTheDocument()
    expect(api.calls('POST /keys/4/roll')[0].body).toEqual({ overlap_minutes: 1440 })
  })

  it('disables a key and deletes one after confirmation', async () => {
    const api = mockApi(
      routes([key(1), key(2)], {
        'POST /keys/1/disable': { status: 200, data: { key: key(1, { status: 'disabled', state: 'disabled' }) } },
        'DELETE /keys/2': { status: 204 },
      }),
    )
    const user = userEvent.setup()
    renderApp('/account/keys')
    const row1 = (await screen.findByText('Key 1')).closest('tr')!
    await user.click(within(row1).getByRole('button', { name: /Disable/ }))
    await waitFor(() => expect(within(row1).getByTestId('key-state')).toHaveTextContent('Disabled'))

    const row2 = screen.getByText('Key 2').closest('tr')!
    await user.click(within(row2).getByRole('button', { name: /Delete/ }))
    expect(await screen.findByText('Delete the key “Key 2”?')).toBeInTheDocument()
    expect(api.calls('DELETE /keys/2')).toHaveLength(0)
    await user.click(screen.getAllByRole('button', { name: 'Delete' }).at(-1)!)
    await waitFor(() => expect(screen.queryByText('Key 2')).not.toBeInTheDocument())
    expect(api.calls('DELETE /keys/2')).toHaveLength(1)
  })

  it('is in the menu, in both languages', async () => {
    mockApi(routes([key(1)]))
    await i18n.changeLanguage('zh-CN')
    renderApp('/account/keys')
    expect(await screen.findByRole('heading', { name: 'API 密钥' })).toBeInTheDocument()
    expect(screen.getByRole('menuitem', { name: /用量/ })).toBeInTheDocument()
    expect(within((await screen.findByText('Key 1')).closest('tr')!).getByTestId('key-state')).toHaveTextContent('启用')
  })
})
