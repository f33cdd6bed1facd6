import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { mockApi, signedIn, signedOut } from '../test/mockApi'
import { renderApp } from '../test/render'

function formItemOf(element: HTMLElement) {
  const item = element.closest('.ant-form-item')
  if (!item) throw new Error('not inside a form item')
  return item as HTMLElement
}

async function fill(user: ReturnType<typeof userEvent.setup>, password: string, confirm = password) {
  await user.type(await screen.findByLabelText('New password'), password)
  await user.type(screen.getByLabelText('Confirm new password'), confirm)
  await user.click(screen.getByRole('button', { name: 'Set new password' }))
}

describe('reset password from a support link', () => {
  it('works signed out, resets, and sends the customer to sign in with a success message', async () => {
    const api = mockApi({ 'GET /auth/me': signedOut, 'POST /auth/reset-password': { status: 204 } })
    const user = userEvent.setup()
    const { location } = renderApp('/reset-password?token=tok_abc123')
    expect(await screen.findByRole('heading', { name: 'Set a new password' })).toBeInTheDocument()
    await fill(user, 'correct horse 42')

    await waitFor(() => expect(location()).toBe('/login'))
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(screen.getByText('Your password has been changed. Sign in with your new password.')).toBeInTheDocument()
    expect(api.calls('POST /auth/reset-password')[0].body).toEqual({ token: 'tok_abc123', password: 'correct horse 42' })
  })

  it('also works for a signed-in customer, who is signed out afterwards (all sessions end)', async () => {
    mockApi({ 'GET /auth/me': signedIn, 'POST /auth/reset-password': { status: 204 } })
    const user = userEvent.setup()
    const { location } = renderApp('/reset-password?token=tok_abc123')
    await fill(user, 'correct horse 42')
    await waitFor(() => expect(location()).toBe('/login'))
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
  })

  it('shows an invalid or expired token and offers the way back', async () => {
    mockApi({
      'GET /auth/me': signedOut,
      'POST /auth/reset-password': {
        status: 422,
        data: { message: 'Validation failed', errors: [{ field: 'token', message: 'This password reset link is invalid or has expired' }] },
      },
    })
    const user = userEvent.setup()
    const { location } = renderApp('/reset-password?token=tok_old')
    await fill(user, 'correct horse 42')
    expect(await screen.findByText('This password reset link is invalid or has expired')).toBeInTheDocument()
    expect(screen.getByText('This link cannot be used')).toBeInTheDocument()
    expect(screen.queryByLabelText('New password')).toBeNull()
    expect(location()).toBe('/reset-password?token=tok_old')
    await user.click(screen.getByRole('button', { name: 'Back to sign in' }))
    await waitFor(() => expect(location()).toBe('/login'))
  })

  it('without a token explains that the link is incomplete', async () => {
    const api = mockApi({ 'GET /auth/me': signedOut })
    renderApp('/reset-password')
    expect(await screen.findByText('This link is incomplete')).toBeInTheDocument()
    expect(screen.queryByLabelText('New password')).toBeNull()
    expect(api.calls('POST /auth/reset-password')).toHaveLength(0)
  })

  it('puts a password-policy error from the server on the password field', async () => {
    mockApi({
      'GET /auth/me': signedOut,
      'POST /auth/reset-password': {
        status: 422,
        data: { message: 'Validation failed', errors: [{ field: 'password', message: 'This password is too common' }] },
      },
    })
    const user = userEvent.setup()
    renderApp('/reset-password?token=tok_abc123')
    await fill(user, 'password123')
    const error = await screen.findByText('This password is too common')
    expect(formItemOf(screen.getByLabelText('New password'))).toContainElement(error)
  })

  it('shows the same password policy hints as registration and enforces them', async () => {
    const api = mockApi({ 'GET /auth/me': signedOut, 'POST /auth/reset-password': { status: 204 } })
    const user = userEvent.setup()
    renderApp('/reset-password?token=tok_abc123')
    const hints = await screen.findByRole('list', { name: 'Password requirements' })
    expect(hints).toHaveTextContent('10–128 characters')
    expect(hints).toHaveTextContent('At least one letter and one digit')

    await fill(user, 'short1')
    expect(await screen.findByText('Use 10 to 128 characters')).toBeInTheDocument()
    expect(document.querySelector('#reset-password-hints [data-rule="length"]')).toHaveAttribute('data-state', 'failed')

    await user.clear(screen.getByLabelText('New password'))
    await user.clear(screen.getByLabelText('Confirm new password'))
    await fill(user, 'correct horse 42', 'correct horse 43')
    expect(await screen.findByText('The two passwords do not match')).toBeInTheDocument()
    expect(api.calls('POST /auth/reset-password')).toHaveLength(0)
  })

  it('on 429 says how long to wait', async () => {
    mockApi({
      'GET /auth/me': signedOut,
      'POST /auth/reset-password': { status: 429, data: { message: 'Too many requests', retryAfter: 30 } },
    })
    const user = userEvent.setup()
    renderApp('/reset-password?token=tok_abc123')
    await fill(user, 'correct horse 42')
    expect(await screen.findByRole('alert')).toHaveTextContent(/try again in (30|29) seconds/)
    expect(screen.getByRole('button', { name: 'Set new password' })).toBeDisabled()
  })
})
