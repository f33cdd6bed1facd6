import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderConsole, requestsTo } from './support/renderConsole'
import { superAdminMeta } from './fixtures/meta'
import type { AdminMeta, FieldMeta, ResourceMeta } from '../src/meta/types'
import { amountProblem, fromMoneyMap, toMoneyMap } from '../src/engine/form/moneyMap'

const en = (text: string) => ({ en: text, 'zh-CN': text })
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CNY']

/** Mirrors backend/resources/plans.ts and orders.ts as the forms need them. */
const plans: ResourceMeta = {
  name: 'plans', label: en('Plans'), group: 'billing', icon: 'appstore', titleField: 'name',
  operations: { list: true, show: true, create: true, edit: true, delete: false, export: false },
  fields: [
    { name: 'name', type: 'string', label: en('Name'), list: true, show: true, create: true, edit: true, required: true },
    { name: 'prices', type: 'json', label: en('Prices'), show: true, create: true, edit: true, required: true, currencies: CURRENCIES } as FieldMeta,
  ],
  permissions: ['view', 'create', 'edit'],
}
const orders: ResourceMeta = {
  name: 'orders', label: en('Recharge orders'), group: 'billing', icon: 'shopping-cart', titleField: 'number',
  operations: { list: true, show: true, create: true, edit: false, delete: false, export: false },
  fields: [
    {
      name: 'channel', type: 'enum', label: en('Payment method'), list: true, show: true, create: true, required: true, filter: ['eq', 'in'],
      options: [{ value: 'stripe', label: en('Card (Stripe)') }, { value: 'bank_transfer', label: en('Bank transfer') }, { value: 'cash', label: en('Cash') }],
      formOptions: ['bank_transfer', 'cash'],
    } as FieldMeta,
  ],
  permissions: ['view', 'create'],
}
const meta: AdminMeta = { ...superAdminMeta, resources: [...superAdminMeta.resources, plans, orders], groups: { ...superAdminMeta.groups, billing: en('Billing') } }

const input = (name: string) => screen.getByRole('textbox', { name })

describe('plan prices', () => {
  // a whole form typed key by key: slow when the machine is busy
  it('are edited as one money input per currency and sent as decimal strings, not cents', { timeout: 60_000 }, async () => {
    const { user, requests } = renderConsole({
      meta,
      path: '/r/plans/edit/3',
      routes: [
        ['GET', '/api/admin/plans/3', { data: { id: 3, name: 'Starter', prices: { EUR: '9.00', USD: '9.90' } } }],
        ['PATCH', '/api/admin/plans/3', { data: { id: 3 } }],
      ],
    })
    await waitFor(() => expect(input('Prices USD')).toHaveValue('9.90'), { timeout: 15_000 })
    expect(input('Prices EUR')).toHaveValue('9.00')
    expect(screen.queryByText(/"USD"/)).toBeNull() // no JSON on screen

    await user.clear(input('Prices USD'))
    await user.type(input('Prices USD'), '12.999')
    await user.click(screen.getByRole('button', { name: /Save/ }))
    expect(await screen.findByText('USD: at most 2 decimal places')).toBeInTheDocument()
    expect(requestsTo(requests, 'PATCH', '/api/admin/plans/3')).toHaveLength(0)

    await user.clear(input('Prices USD'))
    await user.type(input('Prices USD'), '12.50')
    await user.click(screen.getByRole('button', { name: 'Remove the EUR price' }))
    await user.click(screen.getByRole('combobox', { name: 'Add a currency' }))
    await user.click(await screen.findByText('GBP', { selector: '.ant-select-item-option-content' }))
    await user.type(input('Prices GBP'), '10')
    await user.click(screen.getByRole('button', { name: /Save/ }))
    await waitFor(() => expect(requestsTo(requests, 'PATCH', '/api/admin/plans/3')).toHaveLength(1))
    expect((requestsTo(requests, 'PATCH', '/api/admin/plans/3')[0].body as Record<string, unknown>).prices).toEqual({ USD: '12.50', GBP: '10' })
  })

  it('read as a price list on the plan page', async () => {
    renderConsole({ meta, path: '/r/plans/show/3', routes: [['GET', '/api/admin/plans/3', { data: { id: 3, name: 'Starter', prices: { EUR: '9.00', USD: '9.90' } } }]] })
    expect(await screen.findByText('€9.00 · $9.90')).toBeInTheDocument()
    expect(screen.queryByText(/"USD"/)).toBeNull()
  })

  it('start a new plan with the console currency', async () => {
    renderConsole({ meta, path: '/r/plans/create' })
    await screen.findByText('Prices', { selector: 'label' })
    expect(input('Prices USD')).toHaveValue('')
    expect(screen.queryByRole('textbox', { name: 'Prices EUR' })).toBeNull()
  })

  it('convert between stored minor units and typed amounts exactly', () => {
    const prices = plans.fields[1]
    expect(toMoneyMap(prices, { USD: 990, EUR: '9.00' })).toEqual({ USD: '9.90', EUR: '9.00' })
    expect(toMoneyMap(prices, '{"USD": 100000000001}')).toEqual({ USD: '1000000000.01' })
    expect(toMoneyMap(prices, null)).toEqual({})
    expect(fromMoneyMap({ USD: ' 9.90 ', EUR: '' })).toEqual({ USD: '9.90' })
    expect(amountProblem('9.9', 2)).toBeNull()
    expect(amountProblem('0.00', 2)).toBe('zero')
    expect(amountProblem('1e3', 2)).toBe('format')
    expect(amountProblem('-1', 2)).toBe('format')
    expect(amountProblem('0.001', 2)).toBe('precision')
  })
})

describe('per-form options', () => {
  it('the offline order form does not offer card payments', async () => {
    const { user } = renderConsole({ meta, path: '/r/orders/create' })
    const select = await screen.findByRole('combobox', { name: 'Payment method' })
    await user.click(select)
    const listbox = await screen.findByRole('listbox')
    await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option')).toHaveLength(2))
    const offered = [...document.querySelectorAll('.ant-select-item-option-content')].map((o) => o.textContent)
    expect(offered).toEqual(['Bank transfer', 'Cash'])
    expect(within(listbox.parentElement as HTMLElement).queryByText('Card (Stripe)')).toBeNull()
  })
})
