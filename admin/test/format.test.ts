import { describe, expect, it } from 'vitest'
import { formatMoney } from '@creditdesk/contract/money'
import { diffRecords } from '../src/engine/diff/diff'
import { filterSpecFor, fromCrudFilters, toCrudFilters } from '../src/engine/list/filters'
import { superAdminMeta } from './fixtures/meta'

describe('money display', () => {
  // the contract's rules (backend/contract/money.ts), as the console's money cells use them
  it('formats decimal strings exactly, dropping only trailing zeros past the currency precision', () => {
    expect(formatMoney('12.340000', 'USD', { locale: 'en' })).toBe('$12.34')
    expect(formatMoney('0.001500', 'USD', { locale: 'en' })).toBe('$0.0015')
    expect(formatMoney('-5', 'USD', { locale: 'en' })).toBe('\u2212$5.00')
    // beyond float precision: every digit survives (no parseFloat)
    expect(formatMoney('12345678901234567.891234', 'USD', { locale: 'en' })).toBe('$12,345,678,901,234,567.891234')
    expect(formatMoney('1234.5', 'CREDIT', { locale: 'en' })).toBe('1,234.5 CREDIT') // not an ISO currency: unit after
    expect(formatMoney('10.000000', 'USD', { locale: 'zh-CN' })).toBe('US$10.00')
    expect(formatMoney('not-a-number', 'USD', { locale: 'en' })).toBe('not-a-number USD')
    expect(formatMoney(null, '', { locale: 'en' })).toBe('')
  })
})

describe('record diff', () => {
  it('reports changed, added and removed fields and skips equal ones', () => {
    expect(diffRecords({ a: 1, b: { x: 1 }, c: 'gone' }, { a: 2, b: { x: 1 }, d: true })).toEqual([
      { field: 'a', kind: 'changed', before: 1, after: 2 },
      { field: 'd', kind: 'added', before: undefined, after: true },
      { field: 'c', kind: 'removed', before: 'gone', after: undefined },
    ])
  })
})

describe('filter operators by field type', () => {
  const field = (name: string) => superAdminMeta.resources[0].fields.find((f) => f.name === name)!
  it('maps each type to its control and operator', () => {
    expect(filterSpecFor(field('email'))).toMatchObject({ kind: 'text', operators: ['contains'] })
    expect(filterSpecFor(field('type'))).toMatchObject({ kind: 'multi', operators: ['in'] })
    expect(filterSpecFor(field('credits'))).toMatchObject({ kind: 'range', operators: ['gte', 'lte'] })
    expect(filterSpecFor(field('created_at'))).toMatchObject({ kind: 'dateRange', operators: ['gte', 'lte'] })
    expect(filterSpecFor(field('frozen'))).toMatchObject({ kind: 'boolean', operators: ['eq'] })
    expect(filterSpecFor(field('account_manager_id'))).toMatchObject({ kind: 'relation', operators: ['eq'] })
    expect(filterSpecFor(field('nickname'))).toBeNull()
  })

  it('round-trips filter values through CrudFilters (as the URL stores them)', () => {
    const specs = ['email', 'type', 'credits'].map((n) => filterSpecFor(field(n))!)
    const filters = toCrudFilters(specs, { email: ' bob ', type: ['individual', 'business'], credits: ['10.00', undefined] }, 'acme')
    expect(filters).toEqual([
      { field: 'q', operator: 'eq', value: 'acme' },
      { field: 'email', operator: 'contains', value: 'bob' },
      { field: 'type', operator: 'in', value: ['individual', 'business'] },
      { field: 'credits', operator: 'gte', value: '10.00' },
    ])
    expect(fromCrudFilters(specs, filters)).toEqual({
      values: { email: 'bob', type: ['individual', 'business'], credits: ['10.00', null] },
      search: 'acme',
      rest: [],
    })
  })
})
