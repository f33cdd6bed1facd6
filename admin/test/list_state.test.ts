import { describe, expect, it } from 'vitest'
import type { CrudFilters } from '@refinedev/core'
import { activeTab, withTab } from '../src/engine/list/quickTabs'
import { splitFilterSpecs } from '../src/engine/list/listMeta'
import { filterSpecsOf } from '../src/engine/list/filters'
import { columnsFromUrl } from '../src/engine/list/useColumnPrefs'
import { sameView, viewQueryOf } from '../src/engine/views/viewQuery'
import { superAdminMeta } from './fixtures/meta'

const tabs = {
  field: 'status',
  tabs: [
    { key: 'pending', label: 'Pending', values: ['PENDING'] },
    { key: 'refunds', label: 'Refunds', values: ['REFUNDING', 'REFUNDED'] },
  ],
}

describe('quick tabs', () => {
  it('name the tab the filters select, whatever the order of its values', () => {
    expect(activeTab(tabs, [])).toBe('all')
    expect(activeTab(tabs, [{ field: 'q', operator: 'eq', value: 'x' }])).toBe('all')
    expect(activeTab(tabs, [{ field: 'status', operator: 'in', value: ['REFUNDED', 'REFUNDING'] }])).toBe('refunds')
    expect(activeTab(tabs, [{ field: 'status', operator: 'eq', value: 'PENDING' }])).toBe('pending')
    expect(activeTab(tabs, [{ field: 'status', operator: 'in', value: ['PENDING', 'PAID'] }])).toBeNull()
    expect(activeTab(tabs, [{ field: 'status', operator: 'ne', value: 'PENDING' }])).toBeNull()
  })

  it('replace only the filter on their field', () => {
    const filters: CrudFilters = [
      { field: 'q', operator: 'eq', value: 'ORD' },
      { field: 'status', operator: 'eq', value: 'PAID' },
    ]
    expect(withTab(tabs, filters, 'refunds')).toEqual([
      { field: 'q', operator: 'eq', value: 'ORD' },
      { field: 'status', operator: 'in', value: ['REFUNDING', 'REFUNDED'] },
    ])
    expect(withTab(tabs, filters, 'all')).toEqual([{ field: 'q', operator: 'eq', value: 'ORD' }])
  })
})

describe('list view in the URL', () => {
  it('is the query without the page it was on', () => {
    const search = '?currentPage=3&pageSize=50&filters%5B0%5D%5Bfield%5D=status&filters%5B0%5D%5Bvalue%5D%5B0%5D=PAID&columns=number,status'
    expect(viewQueryOf(search)).toBe('pageSize=50&filters[0][field]=status&filters[0][value][0]=PAID&columns=number%2Cstatus')
    expect(sameView(search, 'columns=number,status&pageSize=50&filters[0][value][0]=PAID&filters[0][field]=status&currentPage=1')).toBe(true)
    expect(sameView(search, 'pageSize=50&filters[0][field]=status&filters[0][value][0]=PAID')).toBe(false)
  })

  it('keeps the declared column order and drops unknown columns', () => {
    const all = ['id', 'email', 'type', 'created_at']
    expect(columnsFromUrl('created_at,id,bogus', all)).toEqual(['id', 'created_at'])
    expect(columnsFromUrl('bogus', all)).toBeNull()
    expect(columnsFromUrl(null, all)).toBeNull()
  })
})

describe('filters: inline and "More filters"', () => {
  const users = superAdminMeta.resources[0]
  const specs = filterSpecsOf(users)
  const names = (list: { field: { name: string } }[]) => list.map((s) => s.field.name)

  it('puts the declared primary filters inline, in their order, and the rest in the drawer', () => {
    const { primary, more } = splitFilterSpecs(users, specs)
    expect(names(primary)).toEqual(['email', 'type', 'credits', 'created_at'])
    expect(names(more)).toEqual(['id', 'frozen', 'account_manager_id'])
  })

  it('shows at most six inline, and the first listed filters when none are declared', () => {
    const many = { ...users, primaryFilters: ['id', 'email', 'type', 'credits', 'frozen', 'account_manager_id', 'created_at'] }
    expect(splitFilterSpecs(many, specs).primary).toHaveLength(6)
    const undeclared = { ...users, primaryFilters: undefined }
    expect(names(splitFilterSpecs(undeclared, specs).primary)).toEqual(['id', 'email', 'type', 'credits'])
  })
})
