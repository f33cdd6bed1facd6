import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import i18n, { LANGUAGE_STORAGE_KEY } from '../i18n'
import en from '../i18n/locales/en'
import zhCN from '../i18n/locales/zh-CN'
import { mockApi, signedIn, signedOut } from '../test/mockApi'
import { renderApp } from '../test/render'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  )
}

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('i18n', () => {
  it('has the same keys in English and Simplified Chinese', () => {
    expect([...new Set(keys(zhCN))].sort()).toEqual([...new Set(keys(en))].sort())
  })

  it('switches to Chinese from the header, remembers it, and localises antd too', async () => {
    mockApi({ 'GET /auth/me': signedOut })
    const user = userEvent.setup()
    renderApp('/login')
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Language' }))
    await user.click(await screen.findByText('简体中文'))

    expect(await screen.findByRole('heading', { name: '登录' })).toBeInTheDocument()
    expect(screen.getByLabelText('邮箱')).toBeInTheDocument()
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
    expect(document.body.textContent).not.toMatch(/\b(login|nav|fields|errors)\.[a-zA-Z]+/)
  })

  it('renders the account pages in Chinese without raw keys', async () => {
    await i18n.changeLanguage('zh-CN')
    mockApi({ 'GET /auth/me': signedIn })
    renderApp('/account')
    expect(await screen.findByRole('heading', { name: '个人资料' })).toBeInTheDocument()
    await waitFor(() => expect(screen.getByText('已认证')).toBeInTheDocument())
    expect(screen.getByRole('button', { name: /保存修改/ })).toBeInTheDocument()
    expect(document.body.textContent).not.toMatch(/\b(common|nav|profile|enums|fields)\.[a-zA-Z]+/)
  })
})
