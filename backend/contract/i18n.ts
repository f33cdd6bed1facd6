/**
 * The translation setup console and portal share. Both translate with i18next (dictionary lookup,
 * fallback to English, `{{name}}` interpolation, `_one`/`_other` plurals); what they would otherwise
 * each write again lives here: the languages, how a stored choice or a browser language maps to one,
 * the translator options, dayjs's name for each language, and picking a server label's text.
 * Storage and the browser are passed in, so this file stays free of DOM types.
 */
import type { Label } from './meta.js'

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const

export type Language = (typeof LANGUAGES)[number]['code']

export const FALLBACK_LANGUAGE: Language = 'en'

/** "zh", "zh-Hans-CN", "ZH-cn" → "zh-CN"; "en-GB" → "en"; anything else → null. */
export function normalizeLanguage(tag: string | null | undefined): Language | null {
  const lower = (tag ?? '').trim().toLowerCase()
  if (lower.startsWith('zh')) return 'zh-CN'
  if (lower.startsWith('en')) return 'en'
  return null
}

/** The first supported of: the remembered choice, then the browser's languages in order; else English. */
export function pickLanguage(stored: string | null | undefined, preferred: readonly (string | null | undefined)[] = []): Language {
  for (const candidate of [stored, ...preferred]) {
    const language = normalizeLanguage(candidate)
    if (language) return language
  }
  return FALLBACK_LANGUAGE
}

/** The part of Web Storage the language memory needs (localStorage in a browser). */
export interface LanguageStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** Reads and writes the visitor's language choice; storage that throws (disabled, private mode) is ignored. */
export function languageMemory(store: () => LanguageStore | undefined, key: string) {
  return {
    read(): string | null {
      try {
        return store()?.getItem(key) ?? null
      } catch {
        return null
      }
    },
    write(language: string) {
      try {
        store()?.setItem(key, language)
      } catch {
        /* storage unavailable: the choice lasts for this page only */
      }
    },
    /** The remembered choice, else the browser's languages, else English. */
    detect(): Language {
      const nav = (globalThis as { navigator?: { languages?: readonly string[]; language?: string } }).navigator
      return pickLanguage(this.read(), nav ? [...(nav.languages ?? []), nav.language] : [])
    },
  }
}

/** The browser's Web Storage when there is one (the language memory's default store). */
export const browserStorage = () => (globalThis as { localStorage?: LanguageStore }).localStorage

/** dayjs's locale name for a language (its zh-CN locale is "zh-cn"). */
export function dayjsLocale(language: string): 'zh-cn' | 'en' {
  return normalizeLanguage(language) === 'zh-CN' ? 'zh-cn' : 'en'
}

/** i18next init options for the two dictionaries: synchronous, English fallback, no HTML escaping (React escapes). */
export function translatorOptions<Dictionary extends object>(dictionaries: Record<Language, Dictionary>, language: Language) {
  return {
    resources: { 'en': { translation: dictionaries.en }, 'zh-CN': { translation: dictionaries['zh-CN'] } },
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: LANGUAGES.map((l) => l.code),
    load: 'currentOnly' as const,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
    react: { useSuspense: false },
  }
}

/**
 * The text of a server label in a language: the exact language, then one with the same base
 * ("zh" for "zh-TW"), then English, then any; plain text as is; null when there is none.
 */
export function labelText(text: Partial<Label> | Record<string, string | undefined> | string | null | undefined, language: string): string | null {
  if (typeof text === 'string') return text.trim() ? text : null
  if (!text || typeof text !== 'object') return null
  const entries = text as Record<string, string | undefined>
  if (entries[language]) return entries[language]!
  const base = Object.keys(entries).find((k) => k.split('-')[0] === language.split('-')[0] && entries[k])
  if (base) return entries[base]!
  for (const key of [FALLBACK_LANGUAGE, ...Object.keys(entries)]) if (entries[key]) return entries[key]!
  return null
}
