import { describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import { renderConsole } from './support/renderConsole'
import { superAdminMeta } from './fixtures/meta'
import type { AdminMeta, ResourceMeta } from '../src/meta/types'

/** A list-only resource, enough for the dashboard to know whether a card may link to it. */
const listable = (name: string): ResourceMeta => ({ name, label: { en: name }, group: 'billing', fields: [], permissions: ['view'] })

const withResources = (...names: string[]): AdminMeta => ({ ...superAdminMeta, resources: [...superAdminMeta.resources, ...names.map(listable)] })

describe('dashboard per role', () => {
  it('shows only the figures the server sent: no period cards, no orphan card, no trend for a role without them', async () => {
    renderConsole({
      meta: withResources('refunds'),
      path: '/',
      routes: [['GET', '/api/admin/dashboard/summary', {
        data: { payments: { refundsToday: { count: 1, amount: '5.000000' }, refundsWaitingForReview: 2 } },
      }]],
    })
    await waitFor(() => expect(screen.getByTestId('payments-refundsWaiting')).toHaveTextContent('2'))
    expect(screen.queryByTestId('card-staff_logins')).toBeNull()
    expect(screen.queryByTestId('card-new_users')).toBeNull()
    expect(screen.queryByTestId('payments-orphans')).toBeNull()
    expect(screen.queryByTestId('dashboard-trend')).toBeNull()
    // the refunds list is open to this role: the card links to it
    expect(screen.getByTestId('payments-refundsWaiting').querySelector('a')?.getAttribute('href')).toMatch(/^\/r\/refunds\?/)
  })

  it('links the orphan card to the reconciliation findings only for a role that may open them', async () => {
    const summary = { data: { payments: { paidOrdersWithoutRecharge: 3 } } }
    const first = renderConsole({ meta: withResources('reconciliation-findings'), path: '/', routes: [['GET', '/api/admin/dashboard/summary', summary]] })
    await waitFor(() => expect(screen.getByTestId('payments-orphans')).toHaveTextContent('3'))
    expect(screen.getByTestId('payments-orphans').querySelector('a')?.getAttribute('href')).toBe('/r/reconciliation-findings')
    first.unmount()

    renderConsole({ meta: superAdminMeta, path: '/', routes: [['GET', '/api/admin/dashboard/summary', summary]] })
    await waitFor(() => expect(screen.getByTestId('payments-orphans')).toHaveTextContent('3'))
    expect(screen.getByTestId('payments-orphans').querySelector('a')).toBeNull()
  })
})
