import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import dayjs from 'dayjs'
import localizedFormat from 'dayjs/plugin/localizedFormat'
import relativeTime from 'dayjs/plugin/relativeTime'
import 'dayjs/locale/zh-cn'
import en from './locales/en'
import zhCN from './locales/zh-CN'
import { setRequestLanguage } from '../api/client'

dayjs.extend(localizedFormat)
dayjs.extend(relativeTime)

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const
export type LanguageCode = (typeof LANGUAGES)[number]['code']

export const LANGUAGE_STORAGE_KEY = 'creditdesk.portal.language'

function isSupported(code: string | null | undefined): code is LanguageCode {
  return LANGUAGES.some((l) => l.code === code)
}

export function detectLanguage(): LanguageCode {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY)
    if (isSupported(stored)) return stored
  } catch {
    /* storage unavailable */
  }
  const nav = typeof navigator !== 'undefined' ? navigator.languages?.[0] || navigator.language : ''
  return nav?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

function applyLanguage(lng: string) {
  dayjs.locale(lng === 'zh-CN' ? 'zh-cn' : 'en')
  setRequestLanguage(lng)
  if (typeof document !== 'undefined') document.documentElement.lang = lng
}

export function changeLanguage(lng: LanguageCode) {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng)
  } catch {
    /* storage unavailable */
  }
  return i18n.changeLanguage(lng)
}

i18n.on('languageChanged', applyLanguage)

const initial = detectLanguage()
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: initial,
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh-CN'],
  load: 'currentOnly',
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
  showSupportNotice: false,
})
applyLanguage(initial)

export default i18n
