import { HOME_AFTER_LOGIN } from '../config'

/**
 * Sanitises a `?to=` target: only same-site absolute paths are followed ("/account/sessions"),
 * never protocol-relative or absolute URLs, and never back to the sign-in pages.
 */
export function safeRedirect(to: string | null | undefined, fallback = HOME_AFTER_LOGIN): string {
  if (!to || typeof to !== 'string') return fallback
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  if (/[\u0000-\u001f]/.test(to)) return fallback
  const path = to.split(/[?#]/)[0]
  if (path === '/login' || path === '/register') return fallback
  return to
}

export function loginPath(to: string): string {
  return `/login?to=${encodeURIComponent(to)}`
}
