import type { LocalizedText } from './types'

/** "created_at" / "createdAt" / "audit-logs" → "Created at" / "Audit logs". */
export function prettifyName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase()
  if (!words) return ''
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * Picks the text for the current language from a meta label. Falls back to the other language,
 * then to the prettified field name, so a raw key or "undefined" never reaches the screen.
 */
export function pickLabel(text: LocalizedText | undefined | null, lang: string, fallbackName = ''): string {
  if (typeof text === 'string' && text.trim()) return text
  if (text && typeof text === 'object') {
    const exact = text[lang]
    if (exact) return exact
    const base = Object.keys(text).find((k) => k.split('-')[0] === lang.split('-')[0] && text[k])
    if (base) return text[base] as string
    const order = ['en', 'zh-CN', ...Object.keys(text)]
    for (const key of order) if (text[key]) return text[key] as string
  }
  return prettifyName(fallbackName)
}
