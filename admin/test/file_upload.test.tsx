import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderConsole, requestsTo, type MockRoute } from './support/renderConsole'
import { orgMeta } from './fixtures/orgMeta'
import { formatFileSize } from '../src/engine/files/fileField'

const pdf = (name: string, bytes: number) => new File(['x'.repeat(bytes)], name, { type: 'application/pdf' })
const stored = (id: number, name: string, size: number): MockRoute => ['POST', '/api/admin/files', { status: 201, data: { id, name, size, mime_type: 'application/pdf' } }]

afterEach(() => vi.restoreAllMocks())

describe('file fields', () => {
  it('uploads the picked file with its purpose, shows name and size, and sends the stored id', { timeout: 60_000 }, async () => {
    const { user, requests, container } = renderConsole({
      meta: orgMeta,
      path: '/r/contract-templates/create',
      routes: [stored(77, 'enterprise-2026.pdf', 48213), ['POST', '/api/admin/contract-templates', { status: 201, data: { id: 5 } }], ['GET', '/api/admin/contract-templates/5', { data: { id: 5, name: 'Enterprise 2026', file_id: 77, file_name: 'enterprise-2026.pdf' } }]],
    })
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Enterprise 2026')
    expect(screen.getByRole('button', { name: 'Template file' })).toHaveTextContent('Choose a file')
    const input = container.querySelector('.cd-file-upload input[type="file"]') as HTMLInputElement
    await user.upload(input, pdf('enterprise-2026.pdf', 48213))

    const item = await screen.findByText('enterprise-2026.pdf')
    await waitFor(() => expect(item.closest('[data-status]')).toHaveAttribute('data-status', 'done'))
    expect(item.closest('[data-status]')).toHaveTextContent('47.1 kB')
    const [upload] = requestsTo(requests, 'POST', '/api/admin/files')
    const form = upload.body as FormData
    expect(form).toBeInstanceOf(FormData)
    expect(form.get('purpose')).toBe('contract_template')
    expect((form.get('file') as File).name).toBe('enterprise-2026.pdf')

    await user.click(screen.getByRole('button', { name: /Save/ }))
    await waitFor(() => expect(requestsTo(requests, 'POST', '/api/admin/contract-templates')).toHaveLength(1))
    expect(requestsTo(requests, 'POST', '/api/admin/contract-templates')[0].body).toEqual({ name: 'Enterprise 2026', file_id: 77 })
  })

  it('shows why a file was refused and keeps the required field empty', { timeout: 60_000 }, async () => {
    const { user, requests, container } = renderConsole({
      meta: orgMeta,
      path: '/r/contract-templates/create',
      routes: [['POST', '/api/admin/files', { status: 422, data: { message: 'The file is larger than 20 MB', errors: [{ field: 'file', message: 'The file is larger than 20 MB' }] } }]],
    })
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Too big')
    await user.upload(container.querySelector('.cd-file-upload input[type="file"]') as HTMLInputElement, pdf('scan.pdf', 2048))
    expect(await screen.findByRole('alert')).toHaveTextContent('Not stored: The file is larger than 20 MB')
    await user.click(screen.getByRole('button', { name: /Save/ }))
    expect(await screen.findByText('Please enter Template file')).toBeInTheDocument()
    expect(requestsTo(requests, 'POST', '/api/admin/contract-templates')).toHaveLength(0)
    // the refused file can be taken away
    await user.click(screen.getByRole('button', { name: 'Remove scan.pdf' }))
    expect(screen.queryByText('scan.pdf')).toBeNull()
  })

  it('announces the accepted kinds and size, and does not send a file that is too large', { timeout: 30_000 }, async () => {
    const { user, requests, container } = renderConsole({ meta: { ...orgMeta, settings: { currency: 'USD', files: { maxBytes: 1024, types: ['pdf', 'jpeg'] } } }, path: '/r/contract-templates/create' })
    expect(await screen.findByText('PDF, JPEG · up to 1 kB')).toBeInTheDocument()
    const input = container.querySelector('.cd-file-upload input[type="file"]') as HTMLInputElement
    expect(input.accept).toBe('.pdf,.jpeg,.jpg')
    await user.upload(input, pdf('scan.pdf', 4096))
    expect(await screen.findByRole('alert')).toHaveTextContent('Not stored: larger than 1 kB')
    expect(requestsTo(requests, 'POST', '/api/admin/files')).toHaveLength(0)
  })

  it('a multiple-file action field sends every stored id', { timeout: 60_000 }, async () => {
    const org = { id: 42, email: 'ops@acme.test', type: 'organization', org_name: 'Acme', org_opened_at: '2026-11-01T00:00:00Z', billing_suspended_at: null }
    let next = 90
    const { user, requests } = renderConsole({
      meta: { ...orgMeta, resources: orgMeta.resources.filter((r) => r.name === 'users') },
      path: '/r/users/show/42',
      routes: [
        ['GET', '/api/admin/users/42', { data: org }],
        ['GET', '/api/admin/users/42/balances', { data: { currency: 'USD', cash: '0', gift: '0', onHold: '0', arrears: '0' } }],
        ['GET', '/api/admin/users/42/tier', { status: 404, data: { message: 'no tier' } }],
        ['POST', '/api/admin/files', (req) => ({ status: 201, data: { id: ++next, name: ((req.body as FormData).get('file') as File).name, size: 1000, mime_type: 'application/pdf' } })],
        ['POST', '/api/admin/users/42/actions/submit_kyc', { data: { message: 'Verification submitted' } }],
      ],
    })
    await user.click(await screen.findByRole('button', { name: /Submit verification/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByRole('textbox', { name: 'Legal name' }), 'Acme Ltd')
    const input = dialog.querySelector('.cd-file-upload input[type="file"]') as HTMLInputElement
    expect(input.multiple).toBe(true)
    await user.upload(input, [pdf('licence.pdf', 1000), pdf('id-card.pdf', 1000)])
    await waitFor(() => expect(dialog.querySelectorAll('[data-status="done"]')).toHaveLength(2))
    expect([...requestsTo(requests, 'POST', '/api/admin/files')].map((r) => (r.body as FormData).get('purpose'))).toEqual(['kyc_document', 'kyc_document'])
    await user.click(within(dialog).getByRole('button', { name: 'Submit verification' }))
    await waitFor(() => expect(requestsTo(requests, 'POST', '/api/admin/users/42/actions/submit_kyc')).toHaveLength(1))
    const body = requestsTo(requests, 'POST', '/api/admin/users/42/actions/submit_kyc')[0].body as { document_file_ids: number[] }
    expect(body.document_file_ids.sort()).toEqual([91, 92])
  })

  it('a file in a show view downloads through a signed link, named by the row', { timeout: 30_000 }, async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue({} as Window)
    const { user, requests } = renderConsole({
      meta: orgMeta,
      path: '/r/contract-templates/show/5',
      routes: [
        ['GET', '/api/admin/contract-templates/5', { data: { id: 5, name: 'Enterprise 2026', file_id: 77, file_name: 'enterprise-2026.pdf' } }],
        ['GET', '/api/admin/files/77/link', { data: { url: '/api/files/77/download?signature=abc', expires_at: '2026-11-27T22:10:00Z' } }],
      ],
    })
    await user.click(await screen.findByRole('button', { name: /Download enterprise-2026\.pdf/ }))
    await waitFor(() => expect(open).toHaveBeenCalledWith('/api/files/77/download?signature=abc', '_blank', 'noopener'))
    expect(requestsTo(requests, 'GET', '/api/admin/files/77/link')).toHaveLength(1)
  })

  it('sizes read in the reader’s language', () => {
    expect(formatFileSize(532, 'en')).toBe('532 B')
    expect(formatFileSize(48213, 'en')).toBe('47.1 kB')
    expect(formatFileSize(3 * 1024 * 1024, 'zh-CN')).toBe('3 MB')
  })
})
