import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios'
import { describe, expect, it } from 'vitest'
import { http, toApiError } from '../api/client'
import i18n from '../i18n'
import { describeError } from '../lib/formErrors'
import { checkPassword, firstFailedRule } from '../lib/passwordPolicy'
import { safeRedirect } from '../lib/redirect'
import { summariseUserAgent } from '../lib/userAgent'

describe('password policy', () => {
  it.each([
    ['abcdefgh12', null],
    ['abc12', 'length'],
    ['a1'.repeat(64), null], // 128
    ['a1'.repeat(64) + 'x', 'length'], // 129
    ['abcdefghijk', 'letterDigit'],
    ['12345678901', 'letterDigit'],
    ['密码密码密码密码密码1', null],
    ['user1@example.com', 'notEmail'],
    ['USER1@Example.com', 'notEmail'],
  ])('%s → %s', (password, failed) => {
    expect(firstFailedRule(password, 'user1@example.com')).toBe(failed)
  })

  it('counts characters, not UTF-16 units', () => {
    expect(checkPassword('😀😀😀😀a1234', null).length).toBe(false) // 9 characters, 13 units
  })
})

describe('user agent summary', () => {
  it.each([
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Safari 18', 'macOS', 'desktop'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86', 'Edge 131', 'Windows', 'desktop'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36', 'Chrome 131', 'Android 14', 'mobile'],
    ['Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1', 'Chrome 120', 'iPadOS 17', 'tablet'],
    ['curl/8.5.0', 'curl 8.5.0', null, 'other'],
    ['', null, null, 'other'],
  ])('%s', (ua, browser, os, device) => {
    expect(summariseUserAgent(ua)).toEqual({ browser, os, device })
  })
})

describe('redirect target', () => {
  it.each([
    ['/account/sessions?x=1', '/account/sessions?x=1'],
    [null, '/account/wallet'],
    ['//evil.example', '/account/wallet'],
    ['/\\evil.example', '/account/wallet'],
    ['https://evil.example', '/account/wallet'],
    ['/login?to=/x', '/account/wallet'],
  ])('%s → %s', (to, expected) => {
    expect(safeRedirect(to)).toBe(expected)
  })
})

describe('http client', () => {
  it('is configured for cookie sessions and the XSRF-TOKEN cookie', () => {
    expect(http.defaults.baseURL).toBe('/api/portal')
    expect(http.defaults.withCredentials).toBe(true)
    expect(http.defaults.withXSRFToken).toBe(true)
    expect(http.defaults.xsrfCookieName).toBe('XSRF-TOKEN')
    expect(http.defaults.xsrfHeaderName).toBe('X-XSRF-TOKEN')
  })

  function axiosError(status: number, data: unknown, headers: Record<string, string> = {}) {
    const config = { headers: new AxiosHeaders() } as InternalAxiosRequestConfig
    return new AxiosError('fail', 'ERR_BAD_REQUEST', config, {}, {
      status, statusText: '', data, headers: new AxiosHeaders(headers), config,
    })
  }

  it('normalises {message, errors} and reads retryAfter from the body or the header', async () => {
    const e = toApiError(axiosError(422, { message: 'Invalid', errors: [{ field: 'email', message: 'Taken', rule: 'unique' }] }))
    expect(e.status).toBe(422)
    expect(e.message).toBe('Invalid')
    expect(e.fieldErrors).toEqual([{ field: 'email', message: 'Taken', rule: 'unique' }])

    expect(toApiError(axiosError(429, { message: 'x', retryAfter: 17 })).retryAfter).toBe(17)
    expect(toApiError(axiosError(429, { message: 'x' }, { 'retry-after': '9' })).retryAfter).toBe(9)

    await i18n.changeLanguage('en')
    expect(describeError(axiosError(429, { message: 'x', retryAfter: 1 }), i18n.t)).toBe('Too many attempts, try again in 1 second.')
    expect(describeError(axiosError(429, { message: 'x', retryAfter: 30 }), i18n.t)).toBe('Too many attempts, try again in 30 seconds.')
    await i18n.changeLanguage('zh-CN')
    expect(describeError(axiosError(429, { message: 'x', retryAfter: 30 }), i18n.t)).toBe('尝试次数过多，请在 30 秒后重试。')
    await i18n.changeLanguage('en')
  })
})
