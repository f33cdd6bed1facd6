import { describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import { renderConsole, requestsTo } from './support/renderConsole'
import { superAdminMeta } from './fixtures/meta'

/** The Form.Item row that holds the input labelled `label`. */
const rowOf = (label: string) => screen.getByText(label, { selector: 'label' }).closest('.ant-form-item') as HTMLElement
const isRequired = (label: string) => screen.getByText(label, { selector: 'label' }).classList.contains('ant-form-item-required')

const staffRoute = ['GET', '/api/admin/staff', { data: [{ id: 5, name: 'Mia Manager' }], headers: { 'x-total-count': '1' } }] as const

describe('generated create/edit form', () => {
  it('renders the input each field type calls for, with required marks', async () => {
    renderConsole({ meta: superAdminMeta, path: '/r/users/create', routes: [[...staffRoute]] })
    await screen.findByText('Email', { selector: 'label' })

    // only fields declared `create: true`, in order
    const labels = [...document.querySelectorAll('.cd-form .ant-form-item-label label')].map((l) => l.textContent)
    expect(labels).toEqual(['Email', 'Nickname', 'Type', 'Balance', 'Newsletter', 'Seats', 'Birthday', 'Tags', 'Notes', 'Metadata', 'Account manager'])

    expect(rowOf('Email').querySelector('input.ant-input')).not.toBeNull() // string → Input
    expect(rowOf('Type').querySelector('.ant-select')).not.toBeNull() // enum → Select
    expect(rowOf('Balance').querySelector('input[inputmode="decimal"]')).not.toBeNull() // money → decimal Input
    expect(rowOf('Balance')).toHaveTextContent('USD') // … with its currency
    expect(rowOf('Newsletter').querySelector('button[role="switch"]')).not.toBeNull() // boolean → Switch
    expect(rowOf('Seats').querySelector('.ant-input-number')).not.toBeNull() // number → InputNumber
    expect(rowOf('Birthday').querySelector('.ant-picker')).not.toBeNull() // date → DatePicker
    expect(rowOf('Tags').querySelector('.ant-select-multiple')).not.toBeNull() // tags → Select mode tags
    expect(rowOf('Notes').querySelector('textarea')).not.toBeNull() // text → TextArea
    expect(rowOf('Metadata').querySelector('textarea.cd-mono, .cd-mono textarea')).not.toBeNull() // json → TextArea
    expect(rowOf('Account manager').querySelector('.ant-select')).not.toBeNull() // relation → Select of staff

    expect(isRequired('Email')).toBe(true)
    expect(isRequired('Type')).toBe(true)
    expect(isRequired('Nickname')).toBe(false)
    expect(isRequired('Balance')).toBe(false)
  })

  it('validates JSON and decimal money on the client', async () => {
    const { user, requests } = renderConsole({ meta: superAdminMeta, path: '/r/users/create', routes: [[...staffRoute]] })
    await screen.findByText('Email', { selector: 'label' })
    await user.type(rowOf('Balance').querySelector('input')!, '12,5')
    await user.type(rowOf('Metadata').querySelector('textarea')!, '{{not json')
    await user.click(screen.getByRole('button', { name: /Save/ }))
    expect(await screen.findByText('Use a decimal number like 12.50')).toBeInTheDocument()
    expect(await screen.findByText('Must be valid JSON')).toBeInTheDocument()
    expect(requestsTo(requests, 'POST', '/api/admin/users')).toHaveLength(0)
  })

  it('shows server 422 field errors under the fields', async () => {
    const { user, requests } = renderConsole({
      meta: superAdminMeta,
      path: '/r/users/edit/42',
      routes: [
        [...staffRoute],
        ['GET', '/api/admin/users/42', { data: { id: 42, email: 'bob@example.com', type: 'individual', credits: '10.00', phone: '••••1234', metadata: { plan: 'pro' } } }],
        ['PATCH', '/api/admin/users/42', { status: 422, data: { message: 'Validation failed', errors: [{ field: 'email', message: 'This email is already taken', rule: 'unique' }] } }],
      ],
    })
    await waitFor(() => expect(rowOf('Email').querySelector('input')).toHaveValue('bob@example.com'))
    expect(rowOf('Metadata').querySelector('textarea')!.value).toContain('"plan": "pro"')
    await user.click(screen.getByRole('button', { name: /Save/ }))
    expect(await screen.findByText('This email is already taken')).toBeInTheDocument()
    const [patch] = requestsTo(requests, 'PATCH', '/api/admin/users/42')
    expect(patch.body).toMatchObject({ email: 'bob@example.com', credits: '10.00', metadata: { plan: 'pro' } })
    // the masked phone is a hint, not a value: an untouched sensitive input is not sent back
    expect(rowOf('Phone').querySelector('input')).toHaveValue('')
    expect(rowOf('Phone').querySelector('input')).toHaveAttribute('placeholder', '••••1234 — leave empty to keep')
    expect(patch.body).not.toHaveProperty('phone')
  })
})
