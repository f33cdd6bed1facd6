import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderConsole } from './support/renderConsole'
import { superAdminMeta, userRows } from './fixtures/meta'
import { pickLabel, prettifyName } from '../src/meta/label'
import { createI18n } from '../src/i18n'
import { createI18nProvider } from '../src/providers/i18nProvider'

const usersRoute = ['GET', '/api/admin/users', { data: userRows, headers: { 'x-total-count': '2' } }] as const

describe('i18n', () => {
  it('picks meta labels by language and never shows a raw key', () => {
    expect(pickLabel({ en: 'Email', 'zh-CN': '邮箱' }, 'zh-CN')).toBe('邮箱')
    expect(pickLabel({ en: 'Email' }, 'zh-CN')).toBe('Email')
    expect(pickLabel(undefined, 'en', 'account_manager_id')).toBe('Account manager id')
    expect(pickLabel({}, 'en', 'createdAt')).toBe('Created at')
    expect(prettifyName('audit-logs')).toBe('Audit logs')
    const provider = createI18nProvider(createI18n('en'))
    expect(provider.translate('users.titles.list', 'Customers')).toBe('Customers')
    expect(provider.translate('some.unknown_key')).toBe('Unknown key')
    expect(provider.translate('list.total', { count: 3 })).toBe('Total 3')
    // Refine names a resource in its notifications with "<name>.<name>": resolved from meta labels
    const zh = createI18nProvider(createI18n('zh-CN'), (name, lang) => (name === 'users' ? pickLabel(superAdminMeta.resources[0].label, lang) : undefined))
    expect(zh.translate('notifications.editSuccess', { resource: zh.translate('users.users', 'user') })).toBe('已保存客户')
  })

  it('renders the console in Chinese: meta labels, UI strings and antd locale', async () => {
    renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [[...usersRoute]], lang: 'zh-CN' })
    expect(await screen.findByText('bob@example.com')).toBeInTheDocument()
    expect(screen.getByRole('columnheader', { name: /邮箱/ })).toBeInTheDocument()
    expect(screen.getByText('个人')).toBeInTheDocument() // enum option label
    expect(screen.getByText('共 2 条')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /导出 CSV/ })).toBeInTheDocument()
    expect(screen.getByText('超级管理员')).toBeInTheDocument() // role label in the header
    expect(screen.getByText('20 条/页')).toBeInTheDocument() // antd's own strings follow (zh_CN locale)
    expect(document.body.textContent).not.toMatch(/undefined|list\.total|buttons\./)
  })

  it('switches language from the header and remembers it', async () => {
    const { user } = renderConsole({ meta: superAdminMeta, path: '/r/users', routes: [[...usersRoute]] })
    await screen.findByText('bob@example.com')
    expect(screen.getByText('Individual')).toBeInTheDocument()
    const header = screen.getByTestId('current-user').closest('header') as HTMLElement
    await user.click(within(header).getByRole('combobox', { name: 'Language' }))
    await user.click(await screen.findByText('简体中文', { selector: '.ant-select-item-option-content' }))
    await waitFor(() => expect(screen.getByText('个人')).toBeInTheDocument())
    expect(screen.getByRole('columnheader', { name: /余额/ })).toBeInTheDocument()
    expect(localStorage.getItem('creditdesk.lang')).toBe('zh-CN')
  })
})
