import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { mockApi, signedIn } from '../test/mockApi'
import { renderApp } from '../test/render'

function formItemOf(element: HTMLElement) {
  return element.closest('.ant-form-item') as HTMLElement
}

describe('change password', () => {
  it('requires the current password', async () => {
    const api = mockApi({ 'GET /auth/me': signedIn, 'PUT /password': { status: 204 } })
    const user = userEvent.setup()
    renderApp('/account/security')
    await user.type(await screen.findByLabelText('New password'), 'brand new pass 9')
    await user.type(screen.getByLabelText('Confirm new password'), 'brand new pass 9')
    await user.click(screen.getByRole('button', { name: 'Change password' }))

    const error = await screen.findByText('Enter your current password')
    expect(formItemOf(screen.getByLabelText('Current password'))).toContainElement(error)
    expect(api.calls('PUT /password')).toHaveLength(0)
  })

  it('sends current and new password and says other sessions were signed out', async () => {
    const api = mockApi({ 'GET /auth/me': signedIn, 'PUT /password': { status: 204 } })
    const user = userEvent.setup()
    renderApp('/account/security')
    await user.type(await screen.findByLabelText('Current password'), 'old password 1')
    await user.type(screen.getByLabelText('New password'), 'brand new pass 9')
    await user.type(screen.getByLabelText('Confirm new password'), 'brand new pass 9')
    await user.click(screen.getByRole('button', { name: 'Change password' }))

    await waitFor(() => expect(api.calls('PUT /password')).toHaveLength(1))
    expect(api.calls('PUT /password')[0].body).toEqual({ current_password: 'old password 1', password: 'brand new pass 9' })
    const notice = (await screen.findByText(/All your other sessions were signed out/)).closest('.ant-alert') as HTMLElement
    expect(notice).toHaveTextContent('Password changed')
    expect(within(notice).getByRole('link', { name: 'View active sessions' })).toHaveAttribute('href', '/account/sessions')
    expect(screen.getByLabelText('Current password')).toHaveValue('') // form cleared
  })

  it('checks the new password against the policy, including the account email', async () => {
    const api = mockApi({ 'GET /auth/me': signedIn, 'PUT /password': { status: 204 } })
    const user = userEvent.setup()
    renderApp('/account/security')
    const hints = await screen.findByRole('list', { name: 'Password requirements' })
    await user.type(screen.getByLabelText('Current password'), 'old password 1')
    await user.type(screen.getByLabelText('New password'), 'Ada@Example.com') // the account email, other case
    expect(within(hints).getByText('Not the same as your email address').closest('li')).toHaveAttribute('data-state', 'failed')
    await user.type(screen.getByLabelText('Confirm new password'), 'Ada@Example.com')
    await user.click(screen.getByRole('button', { name: 'Change password' }))
    // 'Ada@Example.com' has no digit: the first broken rule is reported
    expect(await screen.findByText('Use at least one letter and one digit')).toBeInTheDocument()
    expect(api.calls('PUT /password')).toHaveLength(0)
  })

  it('shows a wrong current password from the server on that field', async () => {
    mockApi({
      'GET /auth/me': signedIn,
      'PUT /password': {
        status: 422,
        data: { message: 'Validation failed', errors: [{ field: 'current_password', message: 'The current password is incorrect' }] },
      },
    })
    const user = userEvent.setup()
    renderApp('/account/security')
    await user.type(await screen.findByLabelText('Current password'), 'wrong password 1')
    await user.type(screen.getByLabelText('New password'), 'brand new pass 9')
    await user.type(screen.getByLabelText('Confirm new password'), 'brand new pass 9')
    await user.click(screen.getByRole('button', { name: 'Change password' }))
    const error = await screen.findByText('The current password is incorrect')
    expect(formItemOf(screen.getByLabelText('Current password'))).toContainElement(error)
    expect(formItemOf(screen.getByLabelText('New password'))).not.toContainElement(error)
    expect(screen.queryByText(/other sessions were signed out/)).not.toBeInTheDocument()
  })
})
