import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { mockApi, sampleUser, signedIn, signedOut, walletRoutes } from '../test/mockApi'
import { renderApp } from '../test/render'

function formItemOf(element: HTMLElement) {
  const item = element.closest('.ant-form-item')
  if (!item) throw new Error('not inside a form item')
  return item as HTMLElement
}

async function fillRegister(user: ReturnType<typeof userEvent.setup>, v: { email: string; password: string; confirm?: string; nickname?: string }) {
  await user.type(await screen.findByLabelText('Email'), v.email)
  if (v.nickname) await user.type(screen.getByLabelText(/nickname/i), v.nickname)
  await user.type(screen.getByLabelText('Password'), v.password)
  await user.type(screen.getByLabelText('Confirm password'), v.confirm ?? v.password)
}

function hint(rule: string) {
  const el = document.querySelector(`#register-password-hints [data-rule="${rule}"]`)
  if (!el) throw new Error(`no hint for ${rule}`)
  return el
}

describe('register page', () => {
  it('shows the duplicate-email error from the server on the email field', async () => {
    const api = mockApi({
      'GET /auth/me': signedOut,
      'POST /auth/register': {
        status: 422,
        data: { message: 'Validation failed', errors: [{ field: 'email', message: 'This email is already registered', rule: 'unique' }] },
      },
    })
    const user = userEvent.setup()
    renderApp('/register')
    await fillRegister(user, { email: 'taken@example.com', password: 'correct horse 42', nickname: 'Tak' })
    await user.click(screen.getByRole('button', { name: 'Create account' }))

    const error = await screen.findByText('This email is already registered')
    const emailItem = formItemOf(screen.getByLabelText('Email'))
    expect(emailItem).toContainElement(error)
    expect(formItemOf(screen.getByLabelText('Password'))).not.toHaveTextContent('This email is already registered')
    // placed on the field, so no duplicate banner with the generic message
    expect(screen.queryByText('Validation failed')).not.toBeInTheDocument()

    const [req] = api.calls('POST /auth/register')
    expect(req.body).toEqual({ email: 'taken@example.com', password: 'correct horse 42', nickname: 'Tak' })
    expect(api.unhandled).toEqual([])
  })

  it('puts a server password-policy error on the password field', async () => {
    mockApi({
      'GET /auth/me': signedOut,
      'POST /auth/register': {
        status: 422,
        data: { message: 'Validation failed', errors: [{ field: 'password', message: 'This password is too common' }] },
      },
    })
    const user = userEvent.setup()
    renderApp('/register')
    await fillRegister(user, { email: 'new@example.com', password: 'password123' })
    await user.click(screen.getByRole('button', { name: 'Create account' }))
    const error = await screen.findByText('This password is too common')
    expect(formItemOf(screen.getByLabelText('Password'))).toContainElement(error)
    expect(formItemOf(screen.getByLabelText('Email'))).not.toContainElement(error)
  })

  it('shows the password policy as hints that follow what is typed', async () => {
    mockApi({ 'GET /auth/me': signedOut })
    const user = userEvent.setup()
    renderApp('/register')
    const hints = await screen.findByRole('list', { name: 'Password requirements' })
    expect(within(hints).getByText('10–128 characters')).toBeInTheDocument()
    expect(within(hints).getByText('At least one letter and one digit')).toBeInTheDocument()
    expect(within(hints).getByText('Not the same as your email address')).toBeInTheDocument()
    expect(hint('length')).toHaveAttribute('data-state', 'pending')

    const password = screen.getByLabelText('Password')
    await user.type(password, 'abc1')
    expect(hint('length')).toHaveAttribute('data-state', 'failed')
    expect(hint('letterDigit')).toHaveAttribute('data-state', 'ok')

    await user.clear(password)
    await user.type(password, 'abcdefghijkl')
    expect(hint('length')).toHaveAttribute('data-state', 'ok')
    expect(hint('letterDigit')).toHaveAttribute('data-state', 'failed')

    await user.type(screen.getByLabelText('Email'), 'abcdefghijkl9@x.io')
    await user.clear(password)
    await user.type(password, 'abcdefghijkl9@x.io')
    expect(hint('length')).toHaveAttribute('data-state', 'ok')
    expect(hint('letterDigit')).toHaveAttribute('data-state', 'ok')
    expect(hint('notEmail')).toHaveAttribute('data-state', 'failed')
  })

  it('does not submit a password that breaks the policy and says why', async () => {
    const api = mockApi({ 'GET /auth/me': signedOut, 'POST /auth/register': { status: 201, data: { user: sampleUser } } })
    const user = userEvent.setup()
    renderApp('/register')

    await fillRegister(user, { email: 'new@example.com', password: 'short1' })
    await user.click(screen.getByRole('button', { name: 'Create account' }))
    expect(await screen.findByText('Use 10 to 128 characters')).toBeInTheDocument()

    const password = screen.getByLabelText('Password')
    await user.clear(password)
    await user.type(password, 'onlyletters-no-digits')
    await user.click(screen.getByRole('button', { name: 'Create account' }))
    expect(await screen.findByText('Use at least one letter and one digit')).toBeInTheDocument()

    await user.clear(password)
    await user.clear(screen.getByLabelText('Email'))
    await user.type(screen.getByLabelText('Email'), 'abc12345@x.io')
    await user.type(password, 'ABC12345@x.io')
    await user.click(screen.getByRole('button', { name: 'Create account' }))
    expect(await screen.findByText('The password must not be your email address')).toBeInTheDocument()

    expect(api.calls('POST /auth/register')).toHaveLength(0)
  })

  it('requires the confirmation to match', async () => {
    const api = mockApi({ 'GET /auth/me': signedOut, 'POST /auth/register': { status: 201, data: { user: sampleUser } } })
    const user = userEvent.setup()
    renderApp('/register')
    await fillRegister(user, { email: 'new@example.com', password: 'correct horse 42', confirm: 'correct horse 43' })
    await user.click(screen.getByRole('button', { name: 'Create account' }))
    expect(await screen.findByText('The two passwords do not match')).toBeInTheDocument()
    expect(api.calls('POST /auth/register')).toHaveLength(0)
  })

  it('after registering says to check the email and leads to sign-in; nickname is optional', async () => {
    const api = mockApi({
      'GET /auth/me': signedOut,
      'POST /auth/register': { status: 202, data: { message: 'Thank you.' } },
    })
    const user = userEvent.setup()
    const { location } = renderApp('/register?to=%2Faccount%2Forders')
    await fillRegister(user, { email: 'new@example.com', password: 'correct horse 42' })
    await user.click(screen.getByRole('button', { name: 'Create account' }))
    expect(await screen.findByText('Check your email')).toBeInTheDocument()
    expect(screen.getByText(/you can sign in now with the password you chose/)).toBeInTheDocument()
    const result = screen.getByText('Check your email').closest('.ant-result') as HTMLElement
    await user.click(within(result).getByRole('button', { name: 'Sign in' }))
    await waitFor(() => expect(location()).toBe('/login?to=%2Faccount%2Forders'))
    expect(api.calls('POST /auth/register')[0].body).toEqual({ email: 'new@example.com', password: 'correct horse 42' })
  })

  it('sends a signed-in visitor straight to the account', async () => {
    mockApi({ ...walletRoutes, 'GET /auth/me': signedIn })
    const { location } = renderApp('/register')
    await waitFor(() => expect(location()).toBe('/account/wallet'))
  })
})
