import i18next, { type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import en from './en'
import zhCN from './zh-CN'

export const LANGUAGES = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
] as const
export type Language = (typeof LANGUAGES)[number]['code']

const STORAGE_KEY = 'creditdesk.lang'

function normalize(lang: string | null | undefined): Language | null {
  if (!lang) return null
  if (lang.toLowerCase().startsWith('zh')) return 'zh-CN'
  if (lang.toLowerCase().startsWith('en')) return 'en'
  return null
}

/** The remembered choice, else the browser's language, else English. */
export function detectLanguage(): Language {
  let stored: string | null = null
  try {
    stored = localStorage.getItem(STORAGE_KEY)
  } catch {
    /* storage disabled */
  }
  return normalize(stored) ?? normalize(typeof navigator !== 'undefined' ? navigator.language : null) ?? 'en'
}

export function rememberLanguage(lang: string) {
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    /* storage disabled */
  }
}

export function applyDayjsLocale(lang: string) {
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en')
}

/** A fresh i18next instance (one per app, one per test) initialised synchronously. */
export function createI18n(lang: Language = detectLanguage()): I18n {
  const instance = i18next.createInstance()
  instance.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: lang,
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh-CN'],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  })
  applyDayjsLocale(lang)
  if (typeof document !== 'undefined') document.documentElement.lang = lang
  instance.on('languageChanged', (lng) => {
    applyDayjsLocale(lng)
    if (typeof document !== 'undefined') document.documentElement.lang = lng
  })
  return instance
}
