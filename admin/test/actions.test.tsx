import { describe, expect, it, vi } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderConsole, requestsTo } from './support/renderConsole'
import { superAdminMeta } from './fixtures/meta'

describe('collection action with inputs and a one-time file result', () => {
  it('collects the declared fields, posts them, downloads the file at once and keeps a second copy', async () => {
    const saved: string[] = []
    URL.createObjectURL = vi.fn(() => 'blob:codes')
    URL.revokeObjectURL = vi.fn()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download)
    })
    const { user, requests } = renderConsole({
      meta: superAdminMeta,
      path: '/r/redemption-codes',
      routes: [
        ['GET', '/api/admin/redemption-codes', { data: [{ id: 1, code: 'VEO-••••-AB12', amount: '10.000000', created_at: '2026-11-20T00:00:00Z' }], headers: { 'x-total-count': '1' } }],
        ['POST', '/api/admin/redemption-codes/actions/generate', {
          data: {
            message: '2 codes generated',
            once: true,
            result: { batch_id: 'B7', count: 2, amount: '10.000000', expires_at: '2026-12-20T00:00:00Z', codes: ['VEO-AAAA-1111', 'VEO-BBBB-2222'], txt: 'VEO-AAAA-1111\nVEO-BBBB-2222\n', csv: 'code\nVEO-AAAA-1111\nVEO-BBBB-2222\n', filename: 'codes-B7' },
            resultTypes: { amount: { type: 'money', label: { en: 'Amount per code', 'zh-CN': '积分数量' }, currency: 'CREDIT' }, expires_at: { type: 'datetime', label: { en: 'Expires', 'zh-CN': '过期时间' } } },
          },
        }],
      ],
    })
    expect(await screen.findByText('10 CREDIT')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: /Generate codes/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByRole('spinbutton', { name: 'Number of codes' }), '2')
    await user.type(within(dialog).getByRole('textbox', { name: 'Amount per code' }), '10')
    await user.click(within(dialog).getByRole('combobox', { name: 'Credited to' }))
    await user.click(await screen.findByText('Gift balance', { selector: '.ant-select-item-option-content' }))
    await user.click(within(dialog).getByRole('button', { name: 'Generate codes' }))

    await waitFor(() => expect(within(dialog).getByText('Copy this now — it will not be shown again.')).toBeInTheDocument())
    expect(requestsTo(requests, 'POST', '/api/admin/redemption-codes/actions/generate')[0].body).toEqual({ count: 2, amount: '10', bucket: 'gift' })
    expect(within(dialog).getByText('Codes (2)')).toBeInTheDocument()
    expect(dialog.querySelector('[data-result-key="filename"]')).toBeNull()
    // values read like the rest of the console: no "10.000000", no ISO date
    expect(dialog.querySelector('[data-result-key="amount"]')).toHaveTextContent('Amount per code10 CREDIT')
    expect(dialog.querySelector('[data-result-key="expires_at"]')!.textContent).not.toContain('T00:00')
    // one file was saved as soon as the batch was created (the plain list); buttons save a second copy or the CSV
    expect(saved).toEqual(['codes-B7.txt'])
    await user.click(within(dialog).getByRole('button', { name: /Download codes-B7\.txt again/ }))
    await user.click(within(dialog).getByRole('button', { name: /Download codes-B7\.csv/ }))
    expect(saved).toEqual(['codes-B7.txt', 'codes-B7.txt', 'codes-B7.csv'])
    click.mockRestore()
  })
})
