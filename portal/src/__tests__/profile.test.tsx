import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { mockApi, sampleUser, signedIn } from '../test/mockApi'
import { renderApp } from '../test/render'

describe('profile', () => {
  it('shows the read-only account details with readable labels', async () => {
    mockApi({ 'GET /auth/me': { status: 200, data: { user: { ...sampleUser, verification_status: 'pending', tier: 'gold_plus' } } } })
    renderApp('/account/profile')
    expect(await screen.findByRole('heading', { name: 'Profile' })).toBeInTheDocument()
    expect(screen.getByLabelText('Email')).toHaveValue('ada@example.com')
    expect(screen.getByLabelText('Email')).toHaveAttribute('readonly')
    expect(screen.getByText('Individual')).toBeInTheDocument()
    expect(screen.getByTestId('verification-status')).toHaveTextContent('Pending review')
    expect(screen.getByText('Gold plus')).toBeInTheDocument() // unknown value humanised, not a raw key
    expect(screen.getByText('January 15, 2026')).toBeInTheDocument()
  })

  it('saves only the changed fields and shows the updated values', async () => {
    const api = mockApi({
      'GET /auth/me': signedIn,
      'PATCH /profile': (req) => ({ status: 200, data: { user: { ...sampleUser, ...(req.body as object) } } }),
    })
    const user = userEvent.setup()
    renderApp('/account/profile')
    const save = await screen.findByRole('button', { name: 'Save changes' })
    expect(save).toBeDisabled()
    await user.type(screen.getByLabelText('Phone'), '+1 555 010 0199')
    expect(save).toBeEnabled()
    await user.click(save)
    await waitFor(() => expect(api.calls('PATCH /profile')).toHaveLength(1))
    expect(api.calls('PATCH /profile')[0].body).toEqual({ phone: '+1 555 010 0199' })
    expect(await screen.findByText('Profile saved')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled())
  })

  it('rejects an invalid phone number without calling the server', async () => {
    const api = mockApi({ 'GET /auth/me': signedIn, 'PATCH /profile': { status: 200, data: { user: sampleUser } } })
    const user = userEvent.setup()
    renderApp('/account/profile')
    await user.type(await screen.findByLabelText('Phone'), 'call me maybe')
    await user.click(screen.getByRole('button', { name: 'Save changes' }))
    expect(await screen.findByText(/Enter a valid phone number/)).toBeInTheDocument()
    expect(api.calls('PATCH /profile')).toHaveLength(0)
  })
})
