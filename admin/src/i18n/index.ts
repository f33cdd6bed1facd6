import i18next, { type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { browserStorage, dayjsLocale, languageMemory, LANGUAGES, translatorOptions, type Language } from '@creditdesk/contract/i18n'
import en from './en'
import zhCN from './zh-CN'

export { LANGUAGES, type Language }

/** The console's remembered language (the setup itself is the contract's, shared with the portal). */
const memory = languageMemory(browserStorage, 'creditdesk.lang')

/** The remembered choice, else the browser's language, else English. */
export const detectLanguage = (): Language => memory.detect()

export const rememberLanguage = (lang: string) => memory.write(lang)

function applyLanguage(lang: string) {
  dayjs.locale(dayjsLocale(lang))
  if (typeof document !== 'undefined') document.documentElement.lang = lang
}

/** A fresh i18next instance (one per app, one per test) initialised synchronously. */
export function createI18n(lang: Language = detectLanguage()): I18n {
  const instance = i18next.createInstance()
  instance.use(initReactI18next).init(translatorOptions({ 'en': en, 'zh-CN': zhCN }, lang))
  applyLanguage(lang)
  instance.on('languageChanged', applyLanguage)
  return instance
}
