import { describe, expect, it } from 'vitest'
import { autoDownloadOf, formatResultValue, hasResult, keepsDialog, resultFiles, resultLabel, resultSummary, shownEntries } from '../src/engine/actions/response'
import { fieldErrorsOf, withLabels } from '../src/engine/actions/fieldErrors'

const en = { lang: 'en', currency: 'USD', yes: 'Yes', no: 'No' }

describe('action results', () => {
  it('formats values by their declared type, never as stored', () => {
    expect(formatResultValue('10.000000', { type: 'money', currency: 'CREDIT' }, en)).toBe('10 CREDIT')
    expect(formatResultValue('9.900000', { type: 'money' }, en)).toBe('$9.90') // the console's currency
    expect(formatResultValue('9.900000', { type: 'money', currency: 'USD' }, { ...en, lang: 'zh-CN' })).toBe('US$9.90')
    const expiry = formatResultValue('2026-12-20T00:00:00.000Z', { type: 'datetime' }, en)
    expect(expiry).toContain('2026') // the viewer's zone and language (engine/fields/format), no ISO
    expect(expiry).not.toMatch(/T\d\d:|Z$/)
    expect(formatResultValue('bank_transfer', { type: 'enum' }, en)).toBe('Bank transfer')
    expect(formatResultValue('gift', { type: 'enum', options: [{ value: 'gift', label: { en: 'Gift balance', 'zh-CN': '赠送余额' } }] }, { ...en, lang: 'zh-CN' })).toBe('赠送余额')
    expect(formatResultValue(true, undefined, en)).toBe('Yes')
    expect(formatResultValue(['A', 'B'], undefined, en)).toBe('A\nB')
    expect(formatResultValue(17, undefined, en)).toBe('17')
  })

  it('labels values in the viewer’s language, else by their key', () => {
    expect(resultLabel('expires_at', { type: 'datetime', label: { en: 'Valid until', 'zh-CN': '有效期至' } }, 'zh-CN')).toBe('有效期至')
    expect(resultLabel('refund_id', undefined, 'en')).toBe('Refund id')
  })

  it('hands file-like values over as files named after the batch, not as text on screen', () => {
    const result = { codes: ['A', 'B'], csv: 'code\nA\nB\n', filename: 'codes-B7', count: 2 }
    expect(resultFiles(result, 'fallback')).toEqual([{ key: 'csv', name: 'codes-B7.csv', mime: 'text/csv', text: 'code\nA\nB\n' }])
    expect(resultFiles({ txt: ['A', 'B'] }, 'codes')[0]).toMatchObject({ name: 'codes.txt', text: 'A\nB' })
    expect(shownEntries(result).map(([k]) => k)).toEqual(['codes', 'count'])
    // one file saved without a click, the plain list first
    expect(autoDownloadOf(resultFiles({ csv: 'code\nA\n', txt: 'A', filename: 'codes-B7' }, 'x'))?.name).toBe('codes-B7.txt')
    expect(autoDownloadOf(resultFiles({ csv: 'code\nA\n' }, 'codes'))?.name).toBe('codes.csv')
    expect(autoDownloadOf([])).toBeUndefined()
    expect(hasResult({ message: 'ok' })).toBe(false)
    expect(hasResult({ message: 'ok', result: {} })).toBe(false)
    expect(hasResult({ message: 'ok', result: { refund_id: 3 } })).toBe(true)
  })

  it('keeps only secrets and files in the dialog; any other result is a one-line receipt', () => {
    const reset = { message: 'Reset link created', once: true, result: { resetUrl: 'https://portal.test/reset/abc' } }
    const batch = { message: '2 codes', once: true, result: { codes: ['A', 'B'], csv: 'code\nA\nB\n' } }
    const refund = { message: 'Refund requested', result: { refund_id: 12, amount: '9.900000' }, resultTypes: { refund_id: { type: 'number' as const, label: { en: 'Refund', 'zh-CN': '退款单' } }, amount: { type: 'money' as const, label: { en: 'Amount', 'zh-CN': '金额' }, currency: 'USD' } } }
    expect(keepsDialog(reset)).toBe(true)
    expect(keepsDialog(batch)).toBe(true)
    expect(keepsDialog(refund)).toBe(false)
    expect(keepsDialog({ message: 'Frozen' })).toBe(false)
    expect(resultSummary(refund, en)).toBe('Refund: 12 · Amount: $9.90')
    expect(resultSummary(batch, en)).toBe('') // lists are no one-liners
  })
})

describe('refusals', () => {
  const labels: Record<string, string> = { amount: 'Amount', valid_days: 'Valid for (days)', expires_at: 'Expires' }
  const labelOf = (name: string) => labels[name] ?? name

  it('puts field errors under the inputs the form shows and names the others by their label', () => {
    const { inline, summary } = fieldErrorsOf(
      {
        name: 'ApiError', statusCode: 422, message: 'Validation failed',
        errors: { amount: ['"amount" must be greater than zero'], expires_at: ['must be in the future'] },
      },
      ['amount', 'valid_days'],
      labelOf,
    )
    expect(inline).toEqual([{ name: 'amount', errors: ['Amount must be greater than zero'] }])
    expect(summary).toBe('Validation failed — Expires: must be in the future')
  })

  it('replaces only the quoted names it knows', () => {
    expect(withLabels('"amount" and "valid_days" differ from "free text"', labelOf, ['amount', 'valid_days'])).toBe('Amount and Valid for (days) differ from "free text"')
  })
})
